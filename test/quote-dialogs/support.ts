import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { warmUpRecognizers } from '../../dialogs/validators/recognizers.js';
import type { Lang } from '../../knowledge/lang.js';
import { fixture } from '../clients/fixtures.js';
import { lastSlot, startBot, webchatMessage, type Reply, type TestBot } from '../support/botServer.js';

/**
 * Shared by the quote dialog tests: the recognizer warm-up (once per mocha process), a
 * conversation helper that answers prompts by their `channelData.slot` like the black-box
 * driver, and the staff API read-back.
 */

before(async function () {
  this.timeout(120_000);
  await warmUpRecognizers();
});

const i18n = createI18n();
/** The bot's own texts, so tests compare with what the user reads in each language. */
export const t = (lang: Lang) => i18n.getFixedT(lang);

export const LOCALES: Record<Lang, string> = { fr: 'fr-FR', zh: 'zh-CN', en: 'en-US' };
export const STAFF_KEY = 'k';
export const QR = /QR-\d{8}-\d{4,}/;

let conversations = 0;
export const newConversation = (name: string): string => `qd-${name}-${Date.now()}-${conversations++}`;

export type Channel = 'webchat' | 'msteams';
export const CHANNELS: Channel[] = ['webchat', 'msteams'];

let teamsSeq = 0;
/** A Teams personal-chat message (recorded shape, test/fixtures/activities/msteams/personal-message.json). */
export function teamsMessage(conversationId: string, text: string, locale?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return fixture('msteams', 'personal-message', {
    id: `1732${Date.now()}${teamsSeq++}`,
    timestamp: new Date().toISOString(),
    conversation: { conversationType: 'personal', tenantId: '00000000-0000-0000-0000-00000000cafe', id: `a:${conversationId}` },
    from: { id: `29:${conversationId}`, name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000a1e11' },
    ...(locale ? { locale } : {}),
    text,
    ...extra,
  });
}

/** One user in one conversation, in one locale, on Web Chat or Teams. */
export class Chat {
  readonly transcript: Reply[] = [];
  constructor(
    readonly bot: TestBot,
    readonly conversationId: string,
    readonly locale: string,
    readonly extra: Record<string, unknown> = {},
    readonly channel: Channel = 'webchat',
  ) {}

  /** The conversation id as the channel sends it (Teams prefixes "a:"). */
  get channelConversationId(): string {
    return this.channel === 'msteams' ? `a:${this.conversationId}` : this.conversationId;
  }

  async say(text: string, extra: Record<string, unknown> = {}): Promise<Reply[]> {
    const build = this.channel === 'msteams' ? teamsMessage : webchatMessage;
    const replies = await this.bot.send(build(this.conversationId, text, this.locale, { ...this.extra, ...extra }));
    this.transcript.push(...replies);
    return replies;
  }

  /** Clicks an Adaptive Card Action.Submit: no text, the data in `value`. */
  async submit(value: Record<string, unknown>): Promise<Reply[]> {
    const replies = await this.bot.send({ ...webchatMessage(this.conversationId, '', this.locale, this.extra), text: undefined, value });
    this.transcript.push(...replies);
    return replies;
  }
}

export interface ScenarioRun {
  ref?: string;
  /** The slots asked, in order. */
  asked: string[];
  last: Reply[];
}

/** Answers every slot prompt from `answers` until a QR reference appears (or a prompt has no answer). */
export async function fillByPrompts(chat: Chat, first: Reply[], answers: Record<string, string>, maxTurns = 30): Promise<ScenarioRun> {
  let replies = first;
  const asked: string[] = [];
  for (let i = 0; i < maxTurns; i++) {
    const text = replies.map((r) => r.text ?? '').join('\n');
    const ref = QR.exec(text)?.[0];
    if (ref) return { ref, asked, last: replies };
    const slot = lastSlot(replies);
    if (!slot) return { asked, last: replies };
    assertPrompt(replies);
    asked.push(slot);
    const answer = answers[slot];
    if (answer === undefined) return { asked, last: replies };
    replies = await chat.say(answer);
  }
  return { asked, last: replies };
}

/** Every prompt expects input; the last reply of a prompt turn carries the slot. */
export function assertPrompt(replies: Reply[]): void {
  const prompt = [...replies].reverse().find((r) => r.channelData?.slot);
  assert.ok(prompt, `no slot prompt in ${JSON.stringify(replies.map((r) => r.text))}`);
  assert.equal(prompt.inputHint, 'expectingInput', `prompt for ${prompt.channelData?.slot} must expect input`);
}

export async function staffGet(bot: TestBot, path: string, key = STAFF_KEY): Promise<{ status: number; body: any }> {
  const res = await fetch(`${bot.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* CSV or empty */
  }
  return { status: res.status, body };
}

export const textsOf = (replies: Reply[]): string => replies.map((r) => r.text ?? '').join('\n');

/**
 * A bot with the staff API for the tests of one `describe` (started before them, closed after):
 * call the returned function inside a test to get it.
 */
export function staffBot(): () => TestBot {
  let bot: TestBot | undefined;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot?.close());
  return () => {
    if (!bot) throw new Error('staffBot: used outside a test');
    return bot;
  };
}
