import { MessageFactory, type CardAction, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { FaqLog } from '../../backend/faq/faqLog.js';
import type { FaqCandidate, FaqDecision, FaqEngine, FaqEntry } from '../../knowledge/faq.js';
import { normalizeCommand } from '../../knowledge/intents.js';
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
  last?: { entryId: string; question: string; lang: Lang; record?: string };
  /** The last "did you mean", so the topic tapped next is recorded as the user's choice. */
  clarify?: { record: string; topics: string[] };
}

const MAX_FOLLOW_UPS = 3;

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
    i18n: i18n,
  ) {
    for (const lang of LANGS) {
      for (const entry of engine.entries()) this.titles.set(normalizeCommand(entry[lang].title), entry.id);
      const t = i18n.getFixedT(lang);
      this.voteTitles.set(t('faq:feedback.up'), 'up');
      this.voteTitles.set(t('faq:feedback.down'), 'down');
    }
  }

  async answerFirst(context: TurnContext, text: string, questionLike: boolean): Promise<boolean> {
    const entry = this.byTitle(text);
    if (entry) return this.answerTitle(context, entry, text).then(() => true);
    if (!questionLike) return false;
    const decision = this.engine.decide(text, turnInfo(context).lang);
    if (decision.kind !== 'answer') return false;
    await this.noteDecision(context, text, decision);
    await this.answer(context, this.engine.entry(decision.id)!, text);
    return true;
  }

  async respond(context: TurnContext, text: string): Promise<void> {
    const { lang, t } = turnInfo(context);
    if (await this.feedback(context, text)) return;
    const entry = this.byTitle(text);
    if (entry) return this.answerTitle(context, entry, text);

    const decision = this.engine.decide(text, lang);
    await this.noteDecision(context, text, decision);
    if (decision.kind === 'answer') return this.answer(context, this.engine.entry(decision.id)!, text);

    await (await this.log).recordUnanswered({ text, lang, outcome: decision.kind, candidates: decision.candidates.slice(0, 5), subject: subjectOf(context) });
    if (decision.kind === 'clarify') {
      const buttons = this.topicButtons(decision.candidates, lang);
      await context.sendActivity(MessageFactory.suggestedActions([...buttons, imBack(t('common:menu.advocate'))], t('faq:clarify')));
      return;
    }
    const memory = await this.memory.get(context, {});
    memory.unanswered = (memory.unanswered ?? 0) + 1;
    if (memory.unanswered >= 2) {
      await offerHandoff(context, 'unanswered');
    } else {
      await context.sendActivity(withMenu(t, t('faq:none')));
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

  private async answer(context: TurnContext, entry: FaqEntry, question: string): Promise<void> {
    const { lang, t } = turnInfo(context);
    const memory = await this.memory.get(context, {});
    memory.unanswered = 0;
    const record = turnRecordId(context);
    memory.last = { entryId: entry.id, question, lang, ...(record ? { record } : {}) };
    const local = entry[lang];
    const followUps: CardAction[] = entry.followUps.slice(0, MAX_FOLLOW_UPS).map((f) => {
      if (f === 'handoff') return imBack(t('common:menu.advocate'));
      if (f.startsWith('quote.')) return imBack(t(`faq:action.${f}`));
      return imBack(this.engine.entry(f)?.[lang].title ?? f);
    });
    await context.sendActivity(MessageFactory.text(t('faq:answer', { title: local.title, answer: local.answer })));
    await context.sendActivity(
      MessageFactory.suggestedActions([...followUps, imBack(t('faq:feedback.up')), imBack(t('faq:feedback.down'))], t('faq:feedback.prompt')),
    );
  }

  /** A 👍/👎 (tapped or typed) on the last answer. */
  private async feedback(context: TurnContext, text: string): Promise<boolean> {
    const { t } = turnInfo(context);
    const vote = this.voteOf(text);
    if (!vote) return false;
    const memory = await this.memory.get(context, {});
    if (!memory.last) {
      await context.sendActivity(withMenu(t, t('faq:feedback.nothing')));
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
