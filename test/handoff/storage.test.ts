import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTranscriptStore } from '../../backend/handoff/index.js';
import { createI18n } from '../../bot/i18n.js';
import { webchatMessage, type TestBot } from '../support/botServer.js';
import { ADVOCATES, consoleApi, KEYS, startConnector, startHandoffBot, texts, user, type FakeConnector } from './support.js';

/** Just under the console's (and the edge's) 4,000-character limit, different every time. */
/** A hundred messages in a row on one conversation: the per-conversation rate limit is turned off for them. */
const FLOOD = { RATE_LIMIT_PER_CONVERSATION: '0' };
const longMessage = (i: number): string => `message ${String(i).padStart(3, '0')} ${'lorem ipsum dolor sit amet '.repeat(144)}`.slice(0, 3899) + '.';

const size = (file: string): number => statSync(file).size;

const i18n = createI18n();
/** What a user waiting first in the queue hears for each message they send. */
const added = (lang: 'en' | 'fr') => i18n.getFixedT(lang)('handoff:waiting.added', { position: 1 });

describe('handoff storage: transcripts as their own records, bounded, owned', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  before(async () => {
    connector = await startConnector();
  });
  after(() => connector.close());

  async function openTicket(bot: TestBot, locale = 'en-US') {
    const u = user(bot, connector.serviceUrl, locale);
    await u.say('talk to a human');
    const rows = (await consoleApi(bot.url, KEYS.marie).tickets()).json.tickets as Array<{ id: string; status: string }>;
    return { u, id: rows.filter((r) => r.status === 'waiting').at(-1)!.id };
  }

  it('100 long messages: the ticket journal does not grow, the transcript grows by each message once, and a restart needs only the journal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ra-handoff-storage-'));
    const tickets = join(dataDir, 'handoff', 'tickets.jsonl');
    const bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '600', ...FLOOD }, undefined, dataDir);
    let restarted: TestBot | undefined;
    try {
      const { u, id } = await openTicket(bot);
      const transcript = join(dataDir, 'handoff', 'transcripts', `${id}.jsonl`);
      const at0 = { journal: size(tickets), transcript: size(transcript) };
      const growth: number[] = [];
      for (let i = 0; i < 100; i++) {
        const before = size(transcript);
        assert.deepEqual(texts(await u.say(longMessage(i))), [added('en')], 'relayed, and the user hears it joined the request');
        growth.push(size(transcript) - before);
      }
      assert.equal(size(tickets), at0.journal, 'relaying rewrites nothing in the ticket journal');
      // Linear: every message adds its own line (3,900 characters plus ~70 bytes of JSON), the 100th as much as the 1st.
      assert.ok(growth.every((g) => g > 3900 && g < 4000), `growth per message: ${Math.min(...growth)}–${Math.max(...growth)} bytes`);
      assert.ok(size(transcript) - at0.transcript < 100 * 4000);
      await bot.close();

      // A restart reads the ticket journal (a few KB), not the 400 KB of messages: without them it still starts.
      const aside = join(dataDir, 'handoff', 'transcripts-aside');
      renameSync(join(dataDir, 'handoff', 'transcripts'), aside);
      restarted = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '600', ...FLOOD }, undefined, dataDir);
      const marie = consoleApi(restarted.url, KEYS.marie);
      assert.ok((await marie.tickets()).json.tickets.some((t: { id: string }) => t.id === id));
      const replayed = restarted.logs.map((l) => JSON.parse(l) as { msg?: string; file?: string; bytes?: number }).find((l) => l.msg === 'store: journal replayed' && l.file === tickets);
      assert.equal(replayed?.bytes, at0.journal);
      await restarted.close();
      rmSync(join(dataDir, 'handoff', 'transcripts'), { recursive: true, force: true });
      renameSync(aside, join(dataDir, 'handoff', 'transcripts'));
      restarted = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '600', ...FLOOD }, undefined, dataDir);
      const detail = (await consoleApi(restarted.url, KEYS.marie).ticket(id)).json.ticket;
      assert.equal(detail.transcript.filter((e: { text: string }) => e.text.startsWith('message ')).length, 100);
      assert.ok(detail.transcript.at(-1).text === longMessage(99), 'the last message, whole');
    } finally {
      await restarted?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('past HANDOFF_TRANSCRIPT_MAX_MESSAGES the oldest messages are folded into a summary the console shows', async () => {
    const bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '600', HANDOFF_TRANSCRIPT_MAX_MESSAGES: '20', ...FLOOD });
    try {
      const { u, id } = await openTicket(bot);
      const opening = (await consoleApi(bot.url, KEYS.marie).ticket(id)).json.ticket.transcript.length as number;
      for (let i = 0; i < 100; i++) await u.say(longMessage(i));
      const detail = (await consoleApi(bot.url, KEYS.marie).ticket(id)).json.ticket;
      assert.ok(detail.transcript.length >= 20 && detail.transcript.length < 30, `${detail.transcript.length} messages kept`);
      assert.equal(detail.transcriptSummary.count + detail.transcript.length, opening + 100, 'every message is kept or counted');
      assert.ok(detail.transcriptSummary.excerpt.startsWith('user: talk to a human'));
      assert.ok(detail.transcript.at(-1).text === longMessage(99), 'the last message, whole');
      const file = join(bot.dataDir, 'handoff', 'transcripts', `${id}.jsonl`);
      assert.ok(size(file) < 30 * 4100, `${size(file)} bytes for a 20-message cap`);
    } finally {
      await bot.close();
    }
  });

  it('a 99 KB message is kept as its first 4,000 characters, with its length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-transcripts-'));
    try {
      const store = await FileTranscriptStore.open(dir);
      const huge = 'x'.repeat(99_000);
      for (let i = 0; i < 100; i++) await store.append('t1', [{ from: 'user', text: huge, at: new Date().toISOString() }]);
      const { entries } = await store.read('t1');
      assert.equal(entries.length, 100);
      assert.ok(entries.every((e) => e.text.length === 4001 && e.truncatedFrom === 99_000));
      assert.ok(size(join(dir, 't1.jsonl')) < 100 * 4100, 'about 400 KB, not 10 MB or 500 MB');
      assert.equal(await store.remove('t1'), 100);
      assert.equal(existsSync(join(dir, 't1.jsonl')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a journal written before (transcripts inline, rewritten on every message) is migrated and shrunk at start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ra-handoff-legacy-'));
    const at = '2026-05-04T10:00:00.000Z';
    const base = {
      id: 'legacy-1', mode: 'console', conversationId: 'legacy-conv', reference: { user: { id: 'legacy-user' }, channelId: 'webchat' },
      lang: 'fr', channel: 'webchat', reason: 'request', status: 'waiting', createdAt: at, updatedAt: at,
    };
    const lines: string[] = [];
    const transcript: Array<{ from: string; text: string; at: string }> = [];
    for (let i = 0; i < 30; i++) {
      transcript.push({ from: 'user', text: `ancien message ${i} ${'blabla '.repeat(200)}`, at });
      lines.push(JSON.stringify({ k: base.id, v: { ...base, transcript } }));
    }
    mkdirSync(join(dataDir, 'handoff'), { recursive: true });
    writeFileSync(join(dataDir, 'handoff', 'tickets.jsonl'), `${lines.join('\n')}\n`);
    const before = size(join(dataDir, 'handoff', 'tickets.jsonl'));
    const bot = await startHandoffBot({ ADVOCATES }, undefined, dataDir);
    try {
      const detail = (await consoleApi(bot.url, KEYS.marie).ticket('legacy-1')).json.ticket;
      assert.equal(detail.transcript.length, 30);
      const journal = readFileSync(join(dataDir, 'handoff', 'tickets.jsonl'), 'utf8');
      assert.ok(!journal.includes('ancien message'), 'the journal keeps no message');
      assert.ok(journal.length < before / 50, `${before} → ${journal.length} bytes`);
      // The legacy ticket's user is the one in its reference.
      const relayed = await bot.send(webchatMessage('legacy-conv', 'toujours là ?', 'fr-FR', { from: { id: 'legacy-user' }, serviceUrl: connector.serviceUrl }));
      assert.deepEqual(texts(relayed), [added('fr')]);
    } finally {
      await bot.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('relays only the ticket owner: the same conversation id from Teams reaches the bot instead, another user in it reaches nobody', async () => {
    const bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '600' });
    try {
      const { u, id } = await openTicket(bot);
      await u.say('from the owner');
      const owner = webchatMessage(u.conversationId, 'x', 'en-US', { serviceUrl: connector.serviceUrl });
      const fromTeams = { ...owner, channelId: 'msteams', id: 'teams-1', text: 'pay now at https://evil.example' };
      const otherUser = { ...owner, id: 'other-1', from: { id: 'someone-else', name: 'Mallory' }, text: 'another user in the conversation' };
      assert.ok(texts(await bot.send(fromTeams)).length > 0, 'the bot answers the Teams message itself');
      // Same channel and conversation (a group chat): the conversation's handoff waits, so the bot stays silent.
      await bot.send(otherUser);
      const transcript = (await consoleApi(bot.url, KEYS.marie).ticket(id)).json.ticket.transcript as Array<{ text: string }>;
      assert.ok(transcript.some((e) => e.text === 'from the owner'));
      assert.ok(!transcript.some((e) => e.text.includes('evil.example') || e.text.includes('another user')));
    } finally {
      await bot.close();
    }
  });
});
