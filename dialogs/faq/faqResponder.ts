import { MessageFactory, type CardAction, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import type { FaqLog } from '../../backend/faq/faqLog.js';
import type { FaqCandidate, FaqDecision, FaqEngine, FaqEntry } from '../../knowledge/faq.js';
import { findProducts } from '../../knowledge/catalog.js';
import { looksLikeFollowUp } from '../../knowledge/faqQuestions.js';
import { normalizeCommand, type IntentMatcher } from '../../knowledge/intents.js';
import { mentionsThirdPartyApp, smallTalkOf, type SmallTalk } from '../../knowledge/language/conversation.js';
import { otherLanguageOf } from '../../knowledge/language/otherLanguage.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { faqTrace, noteTurn, turnRecordId } from '../../bot/insights/turnNotes.js';
import { subjectOf } from '../../bot/privacy/subject.js';
import { turnInfo } from '../../bot/turn.js';
import type { FreeTextResponder } from '../mainDialog.js';
import { offerHandoff } from '../handoffOffer.js';
import { erasureSuggestion, imBack, languageChoice, withMenu } from '../messages.js';
import { detectQuoteIntent } from '../validators/quoteIntent.js';
import { findSens } from '../validators/sen.js';
import { isBareFollowUp, readFollowUp } from './followUp.js';
import { readParts, type PartsReading } from './questionParts.js';

/** What the FAQ remembers per conversation. */
export interface FaqConversation {
  /** Consecutive questions without an answer; at 2 an advocate is offered. */
  unanswered?: number;
  /** The last answer given, so a 👍/👎 can be stored with its question (and the record of its turn). */
  /** `context`: the words a follow-up is read with when not the question (a topic reached by a follow-up: its title). */
  last?: { entryId: string; question: string; lang: Lang; turn?: number; record?: string; context?: string };
  /** The last "did you mean", so the topic tapped next is recorded as the user's choice. */
  clarify?: { record: string; topics: string[] };
  /** Free-text messages seen, so a follow-up is only read as one shortly after an answer. */
  turn?: number;
  /** The activity last counted in `turn`: a message may be routed through the FAQ twice. */
  counted?: string;
}

const MAX_FOLLOW_UPS = 3;
/** A follow-up ("and for cloud?") refers to the last answer during this many messages after it. */
const FOLLOW_UP_TURNS = 2;
/** The quote forms an FAQ button can start (faq:action.quote.*), by the kind a question names. */
const FORM_ACTION: Partial<Record<string, string>> = {
  'cloud-new': 'quote.cloud-new',
  'cloud-existing': 'quote.cloud-existing',
  'cloud-renewal': 'quote.cloud-existing',
  'cloud-upgrade': 'quote.cloud-existing',
  'dc-new': 'quote.dc-new',
  'dc-renewal': 'quote.dc-renewal',
  coterm: 'quote.coterm',
};

/** Request kinds a how-to question with SENs can start prefilled (faq:action.quoteSens.*). */
const SENS_ACTION: readonly string[] = ['coterm', 'dc-renewal'];

/**
 * "how do I co-term SEN-L… and SEN-L…?": after the steps, a button that starts that request with
 * the SENs (its title is a request the quote detection reads, SENs included), in place of the
 * topic's plain form button.
 */
function sensButton(question: string, lang: Lang, t: TFunction): { button: CardAction; replaces: string } | undefined {
  const sens = findSens(question).map((s) => s.sen);
  const kind = detectQuoteIntent(question, lang).kind;
  if (sens.length === 0 || !kind || !SENS_ACTION.includes(kind)) return undefined;
  const list = sens.join(lang === 'zh' ? '、' : ', ');
  return { button: imBack(t(`faq:action.quoteSens.${kind}`, { sens: list })), replaces: t(`faq:action.${FORM_ACTION[kind]}`) };
}

/** The text without its SENs. */
function withoutSens(text: string): string {
  return findSens(text).reduceRight((out, m) => `${out.slice(0, m.start)} ${out.slice(m.end)}`, text);
}

interface Answer {
  id: string;
  question: string;
  context?: string;
}

/**
 * What to do with one message: answer one or two topics (and say what the other part of the
 * message got), point back to the last answer for a follow-up it already covers, or the engine's
 * clarify/none.
 */
type Plan =
  | { kind: 'answers'; answers: Answer[]; unresolved: PartsReading['unresolved']; followUp: boolean; trace: FaqDecision }
  | { kind: 'same'; entryId: string; what: string }
  | { kind: 'count'; entryId: string; count: string }
  | { kind: 'decision'; decision: Exclude<FaqDecision, { kind: 'answer' }> };

/** The plan made for this turn's message (FaqResponder.planOnce). */
const PLANNED = Symbol('faqPlan');
interface PlannedTurn {
  text: string;
  lang: Lang;
  last: FaqConversation['last'];
  turn: number | undefined;
  plan: Plan;
}

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
    /** The global commands, to tell a request to be erased that they did not recognise. */
    private readonly intents?: IntentMatcher,
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
      await this.otherLanguage(context);
      return true;
    }
    const talk = smallTalkOf(text);
    if (talk) return this.smallTalk(context, talk, memory).then(() => true);
    const plan = this.planOnce(context, text, turnInfo(context).lang, memory);
    if (plan.kind === 'decision') return false;
    // A follow-up is the FAQ's even when not worded as a question; anything else worded as a
    // request ("je voudrais un devis…") goes to the dialogs first.
    if (plan.kind === 'answers' && !questionLike && !plan.followUp) return false;
    await this.carryOut(context, text, plan);
    return true;
  }

  async respond(context: TurnContext, text: string): Promise<void> {
    const { lang, t } = turnInfo(context);
    if (await this.feedback(context, text)) return;
    const entry = this.byTitle(text);
    if (entry) return this.answerTitle(context, entry, text);

    const memory = await this.countTurn(context);
    const talk = smallTalkOf(text);
    if (talk) return this.smallTalk(context, talk, memory);
    const plan = this.planOnce(context, text, lang, memory);
    if (plan.kind !== 'decision') return this.carryOut(context, text, plan);
    const decision = this.reconsider(plan.decision, text, lang);
    // A request to be erased that was not understood ("je veux que vous effaciez tout ça") is
    // not a question for FAQ authors: its text, which may name the user, is kept nowhere (no
    // unanswered line, no text in the turn's record, so not in the review queue), and the
    // reply offers the erasure.
    const aboutErasure = this.intents?.mentions('deleteData', text) === true;
    await this.noteDecision(context, aboutErasure ? undefined : text, decision);
    if (aboutErasure) {
      await context.sendActivity(erasureSuggestion(t));
      return;
    }

    await (await this.log).recordUnanswered({ text, lang, outcome: decision.kind, candidates: decision.candidates.slice(0, 5), subject: subjectOf(context) });
    if (decision.kind === 'clarify') {
      await this.clarify(context, decision, t('faq:clarify'), this.formFor(text, lang));
      return;
    }
    memory.unanswered = (memory.unanswered ?? 0) + 1;
    if (memory.unanswered >= 2) {
      await offerHandoff(context, 'unanswered');
    } else {
      await context.sendActivity(withMenu(t, t('faq:none')));
    }
  }

  /** Sends what a plan that answers says: answers, the other part's reply, or a pointer to the last answer. */
  private async carryOut(context: TurnContext, text: string, plan: Exclude<Plan, { kind: 'decision' }>): Promise<void> {
    const { lang, t } = turnInfo(context);
    const memory = await this.memory.get(context, {});
    if (plan.kind !== 'answers') {
      const entry = this.engine.entry(plan.entryId)!;
      const trace: FaqDecision = { kind: 'answer', id: entry.id, candidates: [{ id: entry.id, score: 1 }], confidence: 1 };
      noteTurn(context, { text, faq: faqTrace(trace, 'memory') });
      memory.clarify = undefined;
      memory.unanswered = 0;
      if (memory.last) memory.last.turn = memory.turn ?? 0; // still the topic the next follow-up is read with
      const title = entry[lang].title;
      if (plan.kind === 'count') {
        const pricing = entry.id === 'pricing' ? [] : [imBack(this.engine.entry('pricing')?.[lang].title ?? 'pricing')];
        const quote = imBack(t('faq:followUp.quoteFor', { count: plan.count }));
        await context.sendActivity(MessageFactory.suggestedActions([quote, ...pricing, imBack(title)], t('faq:followUp.count', { count: plan.count, title })));
      } else {
        // The title shows that answer again; the topic's own follow-ups are what else there is to ask.
        const buttons = [imBack(title), ...this.followUpButtons(entry, lang, t)];
        const line = plan.what ? t('faq:followUp.same', { title, what: plan.what }) : t('faq:followUp.nothingNew', { title });
        await context.sendActivity(MessageFactory.suggestedActions(buttons, line));
      }
      return;
    }
    await this.noteDecision(context, text, plan.trace);
    const last = plan.answers.length - 1;
    // Two questions in one message: the buttons under the last answer never offer a topic just answered above it.
    const shown = new Set(plan.answers.map((a) => a.id));
    for (const [i, answer] of plan.answers.entries()) {
      await this.answer(context, this.engine.entry(answer.id)!, answer, i === last && plan.unresolved.length === 0, shown);
    }
    if (plan.unresolved.length === 0) return;
    // The part no topic answers surely is said back, so the user knows it was read.
    let clarifying: PartsReading['unresolved'][number] | undefined;
    for (const part of plan.unresolved) {
      await (await this.log).recordUnanswered({ text: part.question, lang, outcome: part.decision.kind, candidates: part.decision.candidates.slice(0, 5), subject: subjectOf(context) });
      if (part.decision.kind === 'none') await context.sendActivity(t('faq:part.none', { question: part.question }));
      else clarifying ??= part;
    }
    if (clarifying) {
      const record = turnRecordId(context);
      if (record) memory.clarify = { record, topics: clarifying.decision.candidates.map((c) => c.id) };
      await this.clarify(context, clarifying.decision, t('faq:part.clarify', { question: clarifying.question }));
    } else {
      await this.feedbackButtons(context, this.engine.entry(plan.answers[last]!.id)!, plan.answers[last]!.question, shown);
    }
  }

  /** "Did you mean" buttons, an optional quote form to start, and "something else → an advocate". */
  private async clarify(context: TurnContext, decision: FaqDecision, text: string, form?: CardAction): Promise<void> {
    const { lang, t } = turnInfo(context);
    const buttons = this.topicButtons(decision.candidates, lang).slice(0, form ? 2 : 3);
    // "Something else" leads to an advocate: the button sends the advocate menu command.
    const other = imBack(t('faq:clarifyElse'), t('common:menu.advocate'));
    await context.sendActivity(MessageFactory.suggestedActions([...buttons, ...(form ? [form] : []), other], text));
  }

  /**
   * Second thoughts on a clarify or a decline. An unknown name next to "plugin"/"插件" is a
   * Marketplace vendor's app: the topics the other words found are unrelated, so decline. A
   * question that names a quote ("coment renouveler une licence jria data centre"), whose closest
   * topic is about orders or quotes, gets its closest topics and the form, rather than nothing.
   */
  private reconsider(decision: Exclude<FaqDecision, { kind: 'answer' }>, text: string, lang: Lang): Exclude<FaqDecision, { kind: 'answer' }> {
    if (decision.kind === 'clarify' && mentionsThirdPartyApp(text) && this.namesUnknown(text, lang)) return { ...decision, kind: 'none' };
    const first = this.engine.entry(decision.candidates[0]?.id ?? '');
    const aboutOrders = first?.facets.object?.some((o) => o === 'quote' || o === 'order') ?? false;
    if (decision.kind === 'none' && aboutOrders && this.formFor(text, lang)) return { ...decision, kind: 'clarify' };
    return decision;
  }

  /** A capitalised word neither the knowledge base nor the catalog knows ("Zorblax"). */
  private namesUnknown(text: string, lang: Lang): boolean {
    const words = text.match(/[A-Z][A-Za-z0-9-]{2,}/g) ?? [];
    return words.some((w) => findProducts(w).length === 0 && this.engine.search(w, lang, 1).length === 0);
  }

  /** The button that starts the quote form a message is about, when it names one. */
  private formFor(text: string, lang: Lang): CardAction | undefined {
    const prefilled = sensButton(text, lang, this.i18n.getFixedT(lang));
    if (prefilled) return prefilled.button;
    const kind = detectQuoteIntent(text, lang).kind;
    const action = kind && FORM_ACTION[kind];
    return action ? imBack(this.i18n.getFixedT(lang)(`faq:action.${action}`)) : undefined;
  }

  /** German, Spanish…: the three languages (the conversation's first) in one message, with the language buttons. */
  private async otherLanguage(context: TurnContext): Promise<void> {
    const { lang, t } = turnInfo(context);
    const order = [lang, ...LANGS.filter((l) => l !== lang)];
    const text = order.map((l) => this.i18n.getFixedT(l)('faq:otherLanguage')).join('\n\n');
    await context.sendActivity({ ...languageChoice(t), text });
  }

  /** "hello again", "ok", "merci", "finalement non, c'est bon", "👍🎉🙏", "ça ne m'aide pas": a short reply, never a topic. */
  private async smallTalk(context: TurnContext, kind: SmallTalk, memory: FaqConversation): Promise<void> {
    const { t } = turnInfo(context);
    memory.clarify = undefined;
    if (kind === 'notHelpful') {
      // Right after an answer it is a 👎 on that answer; otherwise the same way out, without a vote.
      const recent = memory.last && (memory.turn ?? 0) - (memory.last.turn ?? 0) <= FOLLOW_UP_TURNS;
      if (recent) return this.vote(context, 'down');
      await context.sendActivity(MessageFactory.suggestedActions([imBack(t('common:menu.advocate')), imBack(t('common:menu.ask'))], t('faq:feedback.sorry')));
      return;
    }
    await context.sendActivity(withMenu(t, t(kind === 'thanks' ? 'common:thanks' : `faq:smallTalk.${kind}`)));
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
   * The plan of this turn's message: a message the router passes twice (first as a possible
   * request, then as a question) is read once. Only reused while what it was made from — the
   * text, the language and the conversation's last answer and turn count — is unchanged.
   */
  private planOnce(context: TurnContext, text: string, lang: Lang, memory: FaqConversation): Plan {
    const made = context.turnState.get(PLANNED) as PlannedTurn | undefined;
    if (made && made.text === text && made.lang === lang && made.last === memory.last && made.turn === memory.turn) return made.plan;
    const plan = this.plan(text, lang, memory);
    context.turnState.set(PLANNED, { text, lang, last: memory.last, turn: memory.turn, plan } satisfies PlannedTurn);
    return plan;
  }

  /**
   * A short follow-up within two messages of an answer is read against that answer's topic;
   * a message asking two things gets a reply for each part; anything else is the engine's
   * decision on the whole message.
   */
  private plan(text: string, lang: Lang, memory: FaqConversation): Plan {
    const last = memory.last;
    const followUp = looksLikeFollowUp(text) || isBareFollowUp(text);
    if (last && (memory.turn ?? 0) - (last.turn ?? 0) <= FOLLOW_UP_TURNS && followUp) {
      const reading = readFollowUp(this.engine, text, lang, last.entryId, last.context ?? last.question);
      switch (reading.kind) {
        case 'topic': {
          // The next follow-up is read with this topic, not with the first question.
          const title = this.engine.entry(reading.id)?.[lang].title;
          const answer: Answer = { id: reading.id, question: `${last.question} ${text}`, ...(title ? { context: title } : {}) };
          return { kind: 'answers', answers: [answer], unresolved: [], followUp: true, trace: reading.trace };
        }
        case 'count':
          return { kind: 'count', entryId: last.entryId, count: reading.count };
        case 'same':
          return { kind: 'same', entryId: last.entryId, what: reading.what };
      }
    }
    // A SEN says nothing about the topic ("how do I co-term SEN-L1234567 and SEN-L7654321?") and
    // its word pulls toward renewals: the question is read without them.
    const decided = this.engine.decide(withoutSens(text), lang);
    // A Marketplace app the catalog does not know ("Zorblax插件能不能和Jira一起用？") is its vendor's
    // question, out of our scope: declined, even when some words happen to match a topic.
    const whole: FaqDecision = mentionsThirdPartyApp(text) && this.namesUnknown(text, lang) ? { kind: 'none', candidates: decided.candidates, confidence: decided.confidence } : decided;
    // "And for Data Center?" with no answer to follow: a guess would be a coin toss, so ask.
    if (followUp && whole.kind === 'answer') {
      return { kind: 'decision', decision: { kind: 'clarify', candidates: whole.candidates, confidence: whole.confidence } };
    }
    const parts = readParts(this.engine, text, lang, whole);
    if (parts) {
      const trace = { ...whole, kind: 'answer', id: parts.answers[0]!.id } as FaqDecision;
      return { kind: 'answers', answers: parts.answers, unresolved: parts.unresolved, followUp: false, trace };
    }
    if (whole.kind === 'answer') return { kind: 'answers', answers: [{ id: whole.id, question: text }], unresolved: [], followUp: false, trace: whole };
    return { kind: 'decision', decision: whole };
  }

  /** The engine's decision goes into the turn's record; a "did you mean" is remembered for the tap that answers it. */
  private async noteDecision(context: TurnContext, text: string | undefined, decision: FaqDecision): Promise<void> {
    noteTurn(context, { ...(text !== undefined ? { text } : {}), faq: faqTrace(decision) });
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
    return this.answer(context, entry, { id: entry.id, question: text, context: entry[turnInfo(context).lang].title });
  }

  private byTitle(text: string): FaqEntry | undefined {
    const id = this.titles.get(normalizeCommand(text));
    return id ? this.engine.entry(id) : undefined;
  }

  private async answer(context: TurnContext, entry: FaqEntry, given: Answer, withButtons = true, shown: ReadonlySet<string> = new Set()): Promise<void> {
    const { lang, t } = turnInfo(context);
    const memory = await this.memory.get(context, {});
    memory.unanswered = 0;
    const record = turnRecordId(context);
    const followContext = given.context && given.context !== given.question ? { context: given.context } : {};
    memory.last = { entryId: entry.id, question: given.question, lang, turn: memory.turn ?? 0, ...(record ? { record } : {}), ...followContext };
    const local = entry[lang];
    await context.sendActivity(MessageFactory.text(t('faq:answer', { title: local.title, answer: local.answer })));
    if (withButtons) await this.feedbackButtons(context, entry, given.question, shown);
  }

  /** The answer's follow-ups (topics, quote forms, an advocate) and 👍/👎. */
  private async feedbackButtons(context: TurnContext, entry: FaqEntry, question?: string, shown: ReadonlySet<string> = new Set()): Promise<void> {
    const { lang, t } = turnInfo(context);
    const prefilled = question ? sensButton(question, lang, t) : undefined;
    const followUps = this.followUpButtons(entry, lang, t, shown).filter((b) => !prefilled || b.title !== prefilled.replaces);
    const buttons = prefilled ? [prefilled.button, ...followUps.slice(0, MAX_FOLLOW_UPS - 1)] : followUps;
    await context.sendActivity(MessageFactory.suggestedActions([...buttons, imBack(t('faq:feedback.up')), imBack(t('faq:feedback.down'))], t('faq:feedback.prompt')));
  }

  private followUpButtons(entry: FaqEntry, lang: Lang, t: TFunction, shown: ReadonlySet<string> = new Set()): CardAction[] {
    return entry.followUps.filter((f) => !shown.has(f)).slice(0, MAX_FOLLOW_UPS).map((f) => {
      if (f === 'handoff') return imBack(t('common:menu.advocate'));
      if (f.startsWith('quote.')) return imBack(t(`faq:action.${f}`));
      return imBack(this.engine.entry(f)?.[lang].title ?? f);
    });
  }

  /** A 👍/👎 (tapped or typed) on the last answer. */
  private async feedback(context: TurnContext, text: string): Promise<boolean> {
    const { intent } = turnInfo(context);
    // "ça ne m'aide pas", "that doesn't help", "没用" (knowledge/intents.json) are a typed 👎.
    const notHelpful = intent?.intent === 'notHelpful';
    const vote = this.voteOf(text) ?? (notHelpful ? 'down' : undefined);
    if (!vote) return false;
    await this.vote(context, vote, notHelpful);
    return true;
  }

  private async vote(context: TurnContext, vote: 'up' | 'down', notHelpful = false): Promise<void> {
    const { t } = turnInfo(context);
    const memory = await this.memory.get(context, {});
    if (!memory.last) {
      // Nothing to rate, but the user said the bot is not helping: the way to a person.
      if (notHelpful) await context.sendActivity(MessageFactory.suggestedActions([imBack(t('common:menu.advocate')), imBack(t('common:menu.ask'))], t('faq:feedback.sorry')));
      else await context.sendActivity(withMenu(t, t('faq:feedback.nothing')));
      return;
    }
    const { record, context: _readWith, ...last } = memory.last;
    noteTurn(context, { vote: { topic: last.entryId, vote, ...(record ? { answer: record } : {}) } });
    await (await this.log).recordFeedback({ ...last, vote, subject: subjectOf(context) });
    memory.last = undefined; // one vote per answer: a double tap is not counted twice
    if (vote === 'up') await context.sendActivity(withMenu(t, t('faq:feedback.thanks')));
    else await context.sendActivity(MessageFactory.suggestedActions([imBack(t('common:menu.advocate')), imBack(t('common:menu.ask'))], t('faq:feedback.sorry')));
  }

  private voteOf(text: string): 'up' | 'down' | undefined {
    return this.voteTitles.get(text.trim());
  }

  private topicButtons(candidates: FaqCandidate[], lang: Lang): CardAction[] {
    return candidates.slice(0, 3).map((c) => imBack(this.engine.entry(c.id)?.[lang].title ?? c.id));
  }
}
