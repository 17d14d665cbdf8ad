import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from '../sdk.js';
import { turnInfo } from '../../bot/turn.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { foldText } from '../../knowledge/nlu/index.js';
import { imBack } from '../messages.js';
import { normalizeInput, stripEndPunctuation } from '../validators/normalize.js';
import { promptActivity } from './prompts.js';
import { FAILURES_BEFORE_ADVOCATE } from './slotPromptDialog.js';

export interface Choice {
  value: string;
  /** i18n key of the button title; typed titles in any language are accepted. */
  labelKey: string;
}

export interface ChoicePromptOptions {
  promptKey: string;
  retryKey: string;
  choices: Choice[];
}

/** A way out of the choice that is no choice ("never mind, all good" at the Edit menu): ends with `value`. */
export interface ChoiceWayOut {
  value: string;
  means: (text: string, lang: Lang) => boolean;
}

interface ChoiceState {
  options: ChoicePromptOptions;
  failures: number;
}

/**
 * A question that is not a slot (the request kind, the field to edit): buttons, no
 * `channelData.slot`. A free answer is first offered to `interpret` (e.g. "renouvellement
 * cloud" → a kind); ends with `{value}` plus what `interpret` returned.
 */
export class ChoicePromptDialog extends Dialog<ChoicePromptOptions> {
  constructor(
    id: string,
    private readonly interpret?: (text: string, context: TurnContext, choices: Choice[]) => (({ value: string } & Record<string, unknown>) | { narrow: string[] }) | undefined,
    private readonly wayOut?: ChoiceWayOut,
  ) {
    super(id);
  }

  /** The message is this prompt's way out, not a global command: "算了" here is "nothing to change", not "cancel the request". */
  claims(text: string, lang: Lang): boolean {
    return this.wayOut?.means(text, lang) === true;
  }

  override async beginDialog(dc: DialogContext, options?: ChoicePromptOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error(`${this.id}: a choice prompt needs its choices`);
    const state: ChoiceState = { options, failures: 0 };
    dc.activeDialog!.state = state;
    await this.sendPrompt(dc.context, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    if (context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as ChoiceState;
    const text = context.activity.text ?? '';
    const { lang } = turnInfo(context);
    const picked =
      this.match(context, text, state.options.choices) ?? (this.wayOut?.means(text, lang) ? { value: this.wayOut.value } : undefined) ?? this.interpret?.(text, context, state.options.choices);
    if (picked && 'narrow' in picked) {
      // "Data Center": fewer choices, the same question; not a failure.
      state.options = { ...state.options, choices: state.options.choices.filter((c) => picked.narrow.includes(c.value)) };
      await this.sendPrompt(context, state);
      return Dialog.EndOfTurn;
    }
    if (picked) return dc.endDialog(picked);
    const { t } = turnInfo(context);
    state.failures += 1;
    await context.sendActivity(t(state.options.retryKey));
    if (state.failures >= FAILURES_BEFORE_ADVOCATE) await context.sendActivity(t('quote:invalid.tooManyTries'));
    await this.sendPrompt(context, state);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.sendPrompt(context, instance.state as ChoiceState);
  }

  /** A button title (in any language) or its number in the list. */
  private match(context: TurnContext, text: string, choices: Choice[]): { value: string } | undefined {
    const { t } = turnInfo(context);
    const answer = foldText(stripEndPunctuation(normalizeInput(text)));
    if (!answer) return undefined;
    const index = /^\d{1,2}$/.test(answer) ? Number(answer) - 1 : -1;
    if (choices[index]) return { value: choices[index].value };
    const found = choices.find((c) => LANGS.some((lng) => foldText(t(c.labelKey, { lng })) === answer));
    return found && { value: found.value };
  }

  private async sendPrompt(context: TurnContext, state: ChoiceState): Promise<void> {
    const { t } = turnInfo(context);
    const actions = state.options.choices.map((c) => imBack(t(c.labelKey)));
    if (state.failures >= FAILURES_BEFORE_ADVOCATE) actions.push(imBack(t('common:menu.advocate')));
    await context.sendActivity(promptActivity(t(state.options.promptKey), undefined, actions));
  }
}
