import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../sdk.js';
import type { TurnContext } from 'botbuilder';
import { turnInfo } from '../../bot/turn.js';
import { defaultsFor, nextSlot, unsaidSlots, type RuleViolation } from '../validators/index.js';
import { withMenu } from '../messages.js';
import { idempotencyKey, toRequestDraft } from './filing.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import { requireKind, type QuoteDraft } from './quoteDraft.js';
import { QUOTE_SUMMARY_DIALOG, QuoteSummaryDialog, type SummaryOptions, type SummaryOutcome } from './quoteSummaryDialog.js';
import { SLOT_FILLING_DIALOG, SlotFillingDialog } from './slotFillingDialog.js';
import { renderMessage } from './formReplies.js';
import { missingFactKey, notesOf, submittedActivity } from './summaryCard.js';

/** Channels whose messages can be updated in place (Web Chat over Direct Line cannot). */
const UPDATABLE_CHANNELS = new Set(['msteams']);

/** Kept between the flow's steps. */
interface FlowValues {
  offerAdvocate?: boolean;
}

/** What a family's rules decided about a complete draft. */
export interface RuleCheck {
  draft: QuoteDraft;
  /** Reasons to show, in the user's language. */
  messages: RuleViolation[];
  /** A person must handle part of it: the summary offers "Talk to an advocate". */
  offerAdvocate?: boolean;
}

/**
 * One request family (cloud, Data Center, co-term): collect the missing slots, apply the
 * family's business rules, show the summary, file on Confirm. A family only supplies its rules.
 */
export abstract class QuoteFlowDialog extends ComponentDialog {
  protected constructor(id: string, protected readonly deps: QuoteDialogDeps) {
    super(id);
    this.addDialog(new SlotFillingDialog(deps));
    this.addDialog(new QuoteSummaryDialog(deps));
    this.addDialog(
      new WaterfallDialog<QuoteDraft>(`${id}.steps`, [
        this.collectSlotsStep.bind(this),
        this.checkRulesStep.bind(this),
        this.reviewStep.bind(this),
        this.fileStep.bind(this),
      ]),
    );
    this.initialDialogId = `${id}.steps`;
  }

  /** The family's business rules on a complete draft; a rule may clear a slot to have it asked again. */
  protected abstract checkRules(draft: QuoteDraft): RuleCheck;

  /** Asks only the slots still missing (prefilled ones are skipped). */
  private async collectSlotsStep(step: WaterfallStepContext<QuoteDraft>): Promise<DialogTurnResult> {
    return step.beginDialog(SLOT_FILLING_DIALOG, step.options);
  }

  /** Applies the rules: reasons are shown; a cleared slot sends the user back to it. */
  private async checkRulesStep(step: WaterfallStepContext<QuoteDraft>): Promise<DialogTurnResult> {
    const { t, lang } = turnInfo(step.context);
    const given = step.result as QuoteDraft;
    // A value the kind takes when none was said (a DC renewal's 1 year): filled and said, so the summary shows it and it can be changed there.
    const defaults = defaultsFor(requireKind(given), given.slots);
    for (const [slot, value] of Object.entries(defaults)) await step.context.sendActivity(t(`quote:notice.${slot}Default`, { count: value }));
    // A slot the kind does not ask but must not leave silently empty (a cloud renewal's tier): said, and noted as such.
    const unsaid = unsaidSlots(requireKind(given), given.slots).filter((slot) => !given.facts.some((f) => f.key === missingFactKey(slot)));
    for (const slot of unsaid) await step.context.sendActivity(t(`quote:notice.${slot}Missing`));
    const facts = [...given.facts, ...unsaid.map((slot) => ({ key: missingFactKey(slot) }))];
    const before: QuoteDraft = { ...given, facts, slots: { ...given.slots, ...defaults } };
    const checked = this.checkRules(before);
    // A handoff offer is shown once; after an edit the summary still carries the button.
    const fresh = checked.messages.filter((m) => m.rule !== 'needsPerson' || !before.offered.includes(m.key));
    for (const m of fresh) await step.context.sendActivity(renderMessage(t, lang, m));
    const offered = [...new Set([...before.offered, ...checked.messages.map((m) => m.key)])];
    const draft: QuoteDraft = { ...checked.draft, offered };
    if (nextSlot(requireKind(draft), draft.slots)) return step.replaceDialog(this.initialDialogId, draft);
    (step.values as FlowValues).offerAdvocate = checked.offerAdvocate === true;
    return step.next(draft);
  }

  /** Summary card with Confirm / Edit a field / Cancel. */
  private async reviewStep(step: WaterfallStepContext<QuoteDraft>): Promise<DialogTurnResult> {
    const draft = step.result as QuoteDraft;
    const options: SummaryOptions = { draft, ...((step.values as FlowValues).offerAdvocate === true && { offerAdvocate: true }) };
    return step.beginDialog(QUOTE_SUMMARY_DIALOG, options);
  }

  /** Confirm files the request (idempotently); an edit goes round the rules and summary again. */
  private async fileStep(step: WaterfallStepContext<QuoteDraft>): Promise<DialogTurnResult> {
    const outcome = step.result as SummaryOutcome | undefined;
    if (outcome?.action === 'edited') return step.replaceDialog(this.initialDialogId, outcome.draft);
    if (outcome?.action !== 'confirm') return step.endDialog();
    const ref = await this.file(step.context, outcome.draft);
    if (!ref) return step.replaceDialog(this.initialDialogId, outcome.draft);
    if (outcome.cardId) await this.markSubmitted(step.context, outcome.draft, ref, outcome.cardId);
    return step.endDialog({ ref });
  }

  /**
   * Turns the summary card into a read-only "Submitted — QR-…" card where the channel can
   * update a message (Teams: updateActivity), so its buttons cannot file again. Elsewhere the
   * repeated-Confirm middleware answers a second click with the same reference.
   */
  private async markSubmitted(context: TurnContext, draft: QuoteDraft, ref: string, cardId: string): Promise<void> {
    if (!UPDATABLE_CHANNELS.has(context.activity.channelId)) return;
    const { t, lang } = turnInfo(context);
    try {
      await context.updateActivity(submittedActivity(t, lang, draft, ref, cardId));
    } catch (err) {
      // The request is filed; a card that stays clickable is answered with the same reference.
      this.deps.logger?.error({ err: { message: (err as Error).message } }, 'summary card update failed');
    }
  }

  private async file(context: TurnContext, draft: QuoteDraft): Promise<string | undefined> {
    const { t, lang } = turnInfo(context);
    const key = idempotencyKey(draft, context.activity.conversation.id);
    try {
      // The notes are filed as the user last read them: the bot's facts worded in this language, then their remarks.
      const wordedNotes = notesOf(t, lang, draft);
      const { notes: _remarks, ...slots } = draft.slots;
      const worded: QuoteDraft = { ...draft, slots: { ...slots, ...(wordedNotes !== undefined && { notes: wordedNotes }) } };
      const request = await this.deps.quotes.create(toRequestDraft(worded, context, lang), { idempotencyKey: key });
      await this.deps.filed?.remember(context, { ref: request.id, idempotencyKey: key, at: request.createdAt });
      // Chinese sentences follow each other without a space ("…工作日。条款关联…").
      const notes = draft.kind === 'coterm' ? `${lang === 'zh' ? '' : ' '}${t('quote:filedCoterm')}` : '';
      await context.sendActivity(withMenu(t, `${t('quote:filed', { ref: request.id })}${notes}`));
      return request.id;
    } catch (err) {
      this.deps.logger?.error({ err: { message: (err as Error).message }, kind: draft.kind }, 'quote filing failed');
      await context.sendActivity(t('quoteDialog:filing.failed'));
      return undefined;
    }
  }
}
