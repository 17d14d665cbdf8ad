import { MessageFactory, type Activity, type StatePropertyAccessor } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from '../sdk.js';
import type { TFunction } from 'i18next';
import { ERASED_KINDS, ErasureError, type ErasureReport } from '../../backend/privacy/index.js';
import type { TurnErasure } from '../../bot/privacy/turnErasure.js';
import type { ConversationData } from '../../bot/state.js';
import { turnInfo } from '../../bot/turn.js';
import { withMenu, yesNoActions } from '../messages.js';
import { backsOut } from '../handoffWords.js';
import { looksLikeQuestion } from '../../knowledge/language/question.js';
import type { YesNo } from '../yesNo.js';

export const DATA_ERASURE_DIALOG = 'dataErasure';
const FLOW = 'dataErasure.flow';
const CONFIRM = 'dataErasure.confirm';

/** Set by the main dialog when the erasure starts on top of a running dialog (a quote form, a handoff). */
interface ErasureOptions {
  interrupted?: boolean;
}

const KEEP = 'keep';
const ERASE = 'erase';

/**
 * "Delete my data", typed at any point: says what will go and what stays, asks to confirm,
 * erases (every store, journals compacted), then says what was erased. Confirmed, nothing is
 * left running: the form in progress was part of the data. Declined, the dialog it interrupted
 * asks its question again.
 */
export class DataErasureDialog extends ComponentDialog {
  constructor(
    private readonly erasure: TurnErasure,
    private readonly yesNo: YesNo,
    private readonly conversationData: StatePropertyAccessor<ConversationData>,
  ) {
    super(DATA_ERASURE_DIALOG);
    this.addDialog(new TextPrompt(CONFIRM, this.confirmValidator.bind(this)));
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** Lists what will be deleted and what is kept, and asks yes or no. */
  private async askStep(step: WaterfallStepContext<ErasureOptions>): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    // The relay would hand the answer to an advocate during a handoff: it lets it through while this is set.
    await this.setConfirming(step, true);
    const ask = (text: string): Partial<Activity> => MessageFactory.suggestedActions(yesNoActions(t), text);
    return step.prompt(CONFIRM, { prompt: ask(t('privacy:confirm')), retryPrompt: ask(t('privacy:retry')) });
  }

  /** Yes: erase and report. No (or a second answer that is neither): nothing is deleted. */
  private async answerStep(step: WaterfallStepContext<ErasureOptions>): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    await this.setConfirming(step, false);
    if (step.result !== ERASE) {
      await step.context.sendActivity(step.options.interrupted ? MessageFactory.text(t('privacy:kept')) : withMenu(t, t('privacy:kept')));
      return step.endDialog();
    }
    let report: ErasureReport;
    try {
      report = await this.erasure.erase(step.context);
    } catch (err) {
      if (!(err instanceof ErasureError)) throw err;
      await step.context.sendActivity(withMenu(t, t('privacy:failed')));
      return step.cancelAllDialogs(true);
    }
    await step.context.sendActivity(withMenu(t, erasedText(t, report)));
    // The state these dialogs live in is gone: end them all, so none asks its question again.
    return step.cancelAllDialogs(true);
  }

  /**
   * Yes or no; "never mind", "laisse tomber", "算了" (or "cancel") are no. A question about it is
   * answered (what goes, what stays) and the question asked again; a second answer that is
   * neither counts as no, so nobody is stuck in this question.
   */
  private async confirmValidator(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    const { lang, intent, t } = turnInfo(prompt.context);
    const answer = intent?.intent === 'cancel' || backsOut(text, lang) ? false : this.yesNo(text, lang);
    if (answer === undefined && looksLikeQuestion(text)) {
      await prompt.context.sendActivity(MessageFactory.suggestedActions(yesNoActions(t), t('privacy:explain')));
      return false;
    }
    if (answer !== undefined || prompt.attemptCount >= 2) {
      prompt.recognized.value = answer === true ? ERASE : KEEP;
      return true;
    }
    return false;
  }

  private async setConfirming(step: WaterfallStepContext, on: boolean): Promise<void> {
    const data = await this.conversationData.get(step.context, {});
    data.confirmingErasure = on || undefined;
  }
}

/** "Done, your data is deleted:" and one line per kind of data that was there. */
export function erasedText(t: TFunction, report: ErasureReport): string {
  const lines = ERASED_KINDS.filter((kind) => kind !== 'messages' && report[kind] > 0).map(
    (kind) => `- ${t(`privacy:item.${kind}`, { n: report[kind], messages: report.messages })}`,
  );
  if (!lines.length) return t('privacy:nothing');
  return [t('privacy:done'), ...lines, '', t('privacy:afresh')].join('\n');
}
