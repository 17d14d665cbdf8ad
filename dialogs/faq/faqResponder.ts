import { MessageFactory, type CardAction, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { FaqLog } from '../../backend/faq/faqLog.js';
import type { FaqCandidate, FaqDecision, FaqEngine, FaqEntry } from '../../knowledge/faq.js';
import { looksLikeFollowUp, splitQuestions } from '../../knowledge/faqQuestions.js';
import { normalizeCommand } from '../../knowledge/intents.js';
import { otherLanguageOf } from '../../knowledge/language/otherLanguage.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { faqTrace, noteTurn, turnRecordId } from '../../bot/insights/turnNotes.js';
import { subjectOf } from '../../bot/privacy/subject.js';
import { turnInfo } from '../../bot/turn.js';
import type { FreeTextResponder } from '../mainDialog.js';
import { offerHandoff } from '../handoffOffer.js';
import { imBack, withMenu } from '../messages.js';

/** What the FAQ remembers per conversation. */
export interface FaqConversation {
  /** Consecutive questions without an answer; at 2 an advocate is offered. */
  unanswered?: number;
  /** The last answer given, so a 👍/👎 can be stored with its question (and the record of its turn). */
  last?: { entryId: string; question: string; lang: Lang; turn?: number; record?: string };
  /** The last "did you mean", so the topic tapped next is recorded as the user's choice. */
  clarify?: { record: string; topics: string[] };
  /** Free-text messages seen, so a follow-up is only read as one shortly after an answer. */
  turn?: number;
  /** The activity last counted in `turn`: a message may be routed through the FAQ twice. */
  counted?: string;
}

const MAX_FOLLOW_UPS = 3;
/** How sure the engine must be of each half of a message that asks two things. */
const PART_CONFIDENCE = 0.8;
/** A follow-up ("and for cloud?") refers to the last answer during this many messages after it. */
const FOLLOW_UP_TURNS = 2;

/** What to do with one message: answer one or two topics, or the engine's clarify/none. */
type Plan =
  | { kind: 'answers'; answers: { id: string; question: string }[]; followUp: boolean; trace: FaqDecision }
  | { kind: 'decision'; decision: Exclude<FaqDecision, { kind: 'answer' }> };

/**
 * The FAQ in the conversation: answers with follow-up and feedback buttons,
 * "did you mean" buttons when topics are close, a plain "no answer" otherwise,
 * and an advocate after two misses. Every clarify/none is logged for authors.
 */
export class FaqResponder implements FreeTextResponder {
  /** Normalised topic title (any language) → id, so a tapped "did you mean" button answers that topic. */
  private readonly titles = new Map<string, string>();

  /** The 👍/👎 button titles of every language. */
  private readonly voteTitles = new Map<string, 'up' | 'down'>([['👍', 'up'], ['👎', 'down']]);

  constructor(
    private readonly engine: FaqEngine,
    private readonly log: Promise<FaqLog>,
    private readonly memory: StatePropertyAccessor<FaqConversation>,
    private readonly i18n: i18n,
  ) {
    for (const lang of LANGS) {
      for (const entry of engine.entries()) this.titles.set(normalizeCommand(entry[lang].title), entry.id);
      const t = i18n.getFixedT(lang);
      this.voteTitles.set(t('faq:feedback.up'), 'up');
      this.voteTitles.set(t('faq:feedback.down'), 'down');
    }
  }

  async answerFirst(context: TurnContext, text: string, questionLike: boolean): Promise<boolean> {
    const memory = await this.countTurn(context);
    const entry = this.byTitle(text);
    if (entry) return this.answerTitle(context, entry, text).then(() => true);
    // German, Spanish…: one short reply in the three languages, whatever the conversation's language.
    if (otherLanguageOf(text)) {
      await context.sendActivity(withMenu(turnInfo(context).t, LANGS.map((lang) => this.i18n.getFixedT(lang)('faq:otherLanguage')).join('\n\n')));
      return true;
    }
    const plan = this.plan(text, turnInfo(context).lang, memory);
    if (plan.kind !== 'answers') return false;
    // A follow-up is the FAQ's even when not worded as a question; anything else worded as a
    // request ("je voudrais un devis…") goes to the dialogs first.
    if (!questionLike && !plan.followUp) return false;
    await this.noteDecision(context, text, plan.trace);
    await this.answerAll(context, plan.answers);
    return true;
  }

  async respond(context: TurnContext, text: string): Promise<void> {
    const { lang, t } = turnInfo(context);
    if (await this.feedback(context, text)) return;
    const entry = this.byTitle(text);
    if (entry) return this.answerTitle(context, entry, text);

    const memory = await this.countTurn(context);
    const plan = this.plan(text, lang, memory);
    await this.noteDecision(context, text, plan.kind === 'answers' ? plan.trace : plan.decision);
    if (plan.kind === 'answers') return this.answerAll(context, plan.answers);
    const decision = plan.decision;

    await (await this.log).recordUnanswered({ text, lang, outcome: decision.kind, candidates: decision.candidates.slice(0, 5), subject: subjectOf(context) });
    if (decision.kind === 'clarify') {
      const buttons = this.topicButtons(decision.candidates, lang);
      // "Something else" leads to an advocate: the button sends the advocate menu command.
      const other = imBack(t('faq:clarifyElse'), t('common:menu.advocate'));
      await context.sendActivity(MessageFactory.suggestedActions([...buttons, other], t('faq:clarify')));
      return;
    }
    memory.unanswered = (memory.unanswered ?? 0) + 1;
    if (memory.unanswered >= 2) {
      await offerHandoff(context, 'unanswered');
    } else {
      await context.sendActivity(withMenu(t, t('faq:none')));
    }
  }

  /** Counts each incoming message once, however many times it reaches the FAQ. */
  private async countTurn(context: TurnContext): Promise<FaqConversation> {
    const memory = await this.memory.get(context, {});
    const activity = context.activity;
    const key = activity.id ?? `${activity.timestamp?.toString() ?? ''}|${activity.text ?? ''}`;
    if (memory.counted !== key) {
      memory.turn = (memory.turn ?? 0) + 1;
      memory.counted = key;
    }
    return memory;
  }

  /**
   * A short follow-up within two messages of an answer is read with that answer's question;
   * a message asking two things gets both answers when each half answers its own topic;
   * anything else is the engine's decision on the whole message.
   */
  private plan(text: string, lang: Lang, memory: FaqConversation): Plan {
    const last = memory.last;
    const followUp = looksLikeFollowUp(text);
    if (last && (memory.turn ?? 0) - (last.turn ?? 0) <= FOLLOW_UP_TURNS && followUp) {
      const decision = this.engine.decideFollowUp(text, last.question, lang);
      if (decision.kind === 'answer') return { kind: 'answers', answers: [{ id: decision.id, question: `${last.question} ${text}` }], followUp: true, trace: decision };
    }
    const whole = this.engine.decide(text, lang);
    // "And for Data Center?" with no answer to follow: a guess would be a coin toss, so ask.
    if (followUp && whole.kind === 'answer') {
      return { kind: 'decision', decision: { kind: 'clarify', candidates: whole.candidates, confidence: whole.confidence } };
    }
    const parts = splitQuestions(text);
    if (parts.length === 2) {
      // Half a message is read out of context ("How do I renew" of "renew and upgrade my DC
      // licence"): each half must be clearly about its topic.
      const ids = parts.map((part) => this.engine.decide(part, lang)).map((d) => (d.kind === 'answer' && d.confidence >= PART_CONFIDENCE ? d.id : undefined));
      if (ids[0] && ids[1] && ids[0] !== ids[1]) {
        const trace = { ...whole, kind: 'answer', id: ids[0]! } as FaqDecision;
        return { kind: 'answers', answers: ids.map((id, i) => ({ id: id!, question: parts[i]! })), followUp: false, trace };
      }
    }
    if (whole.kind === 'answer') return { kind: 'answers', answers: [{ id: whole.id, question: text }], followUp: false, trace: whole };
    return { kind: 'decision', decision: whole };
  }

  /** One or two answers, each with its title; the feedback buttons follow the last one. */
  private async answerAll(context: TurnContext, answers: { id: string; question: string }[]): Promise<void> {
    for (const [i, { id, question }] of answers.entries()) {
      await this.answer(context, this.engine.entry(id)!, question, i === answers.length - 1);
    }
  }

  /** The engine's decision goes into the turn's record; a "did you mean" is remembered for the tap that answers it. */
  private async noteDecision(context: TurnContext, text: string, decision: FaqDecision): Promise<void> {
    noteTurn(context, { text, faq: faqTrace(decision) });
    const memory = await this.memory.get(context, {});
    const record = turnRecordId(context);
    memory.clarify = decision.kind === 'clarify' && record ? { record, topics: decision.candidates.map((c) => c.id) } : undefined;
  }

  /** A tapped topic: the user's answer to the last "did you mean" when it offered that topic. */
  private async answerTitle(context: TurnContext, entry: FaqEntry, text: string): Promise<void> {
    const memory = await this.memory.get(context, {});
    const clarify = memory.clarify;
    memory.clarify = undefined;
    noteTurn(context, {
      faq: { decision: 'answer', candidates: [], answered: entry.id, via: 'title' },
      ...(clarify?.topics.includes(entry.id) ? { pick: { topic: entry.id, clarify: clarify.record } } : {}),
    });
    return this.answer(context, entry, text);
  }

  private byTitle(text: string): FaqEntry | undefined {
    const id = this.titles.get(normalizeCommand(text));
    return id ? this.engine.entry(id) : undefined;
  }

  private async answer(context: TurnContext, entry: FaqEntry, question: string, withButtons = true): Promise<void> {
    const { lang, t } = turnInfo(context);
    const memory = await this.memory.get(context, {});
    memory.unanswered = 0;
    const record = turnRecordId(context);
    memory.last = { entryId: entry.id, question, lang, turn: memory.turn ?? 0, ...(record ? { record } : {}) };
    const local = entry[lang];
    const followUps: CardAction[] = entry.followUps.slice(0, MAX_FOLLOW_UPS).map((f) => {
      if (f === 'handoff') return imBack(t('common:menu.advocate'));
      if (f.startsWith('quote.')) return imBack(t(`faq:action.${f}`));
      return imBack(this.engine.entry(f)?.[lang].title ?? f);
    });
    await context.sendActivity(MessageFactory.text(t('faq:answer', { title: local.title, answer: local.answer })));
    if (!withButtons) return;
    await context.sendActivity(
      MessageFactory.suggestedActions([...followUps, imBack(t('faq:feedback.up')), imBack(t('faq:feedback.down'))], t('faq:feedback.prompt')),
    );
  }

  /** A 👍/👎 (tapped or typed) on the last answer. */
  private async feedback(context: TurnContext, text: string): Promise<boolean> {
    const { t, intent } = turnInfo(context);
    // "ça ne m'aide pas", "that doesn't help", "没用" (knowledge/intents.json) are a typed 👎.
    const notHelpful = intent?.intent === 'notHelpful';
    const vote = this.voteOf(text) ?? (notHelpful ? 'down' : undefined);
    if (!vote) return false;
    const memory = await this.memory.get(context, {});
    if (!memory.last) {
      // Nothing to rate, but the user said the bot is not helping: the way to a person.
      if (notHelpful) await context.sendActivity(MessageFactory.suggestedActions([imBack(t('common:menu.advocate')), imBack(t('common:menu.ask'))], t('faq:feedback.sorry')));
      else await context.sendActivity(withMenu(t, t('faq:feedback.nothing')));
      return true;
    }
    const { record, ...last } = memory.last;
    noteTurn(context, { vote: { topic: last.entryId, vote, ...(record ? { answer: record } : {}) } });
    await (await this.log).recordFeedback({ ...last, vote, subject: subjectOf(context) });
    memory.last = undefined; // one vote per answer: a double tap is not counted twice
    if (vote === 'up') await context.sendActivity(withMenu(t, t('faq:feedback.thanks')));
    else await context.sendActivity(MessageFactory.suggestedActions([imBack(t('common:menu.advocate')), imBack(t('common:menu.ask'))], t('faq:feedback.sorry')));
    return true;
  }

  private voteOf(text: string): 'up' | 'down' | undefined {
    return this.voteTitles.get(text.trim());
  }

  private topicButtons(candidates: FaqCandidate[], lang: Lang): CardAction[] {
    return candidates.slice(0, 3).map((c) => imBack(this.engine.entry(c.id)?.[lang].title ?? c.id));
  }
}
