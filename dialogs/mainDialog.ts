import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type WaterfallStepContext,
} from './sdk.js';
import { carriesRequestData, looksLikeQuestion } from '../knowledge/language/question.js';
import { turnInfo } from '../bot/turn.js';
import { normalizeCommand } from '../knowledge/intents.js';
import { LANGS, type Lang } from '../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords } from '../knowledge/nlu/index.js';
import { takeReroute, takeRestart, type Restart } from './restart.js';
import { backsOut } from './handoffWords.js';
import { extractQuoteSlots } from './validators/index.js';
import type { BotState } from '../bot/state.js';
import { helpMessage, languageChoice, welcomeActivities, withMenu, yesNoActions } from './messages.js';
import type { YesNo } from './yesNo.js';

export const MAIN_DIALOG = 'main';

/** The quote form's dialogs (entry, slots, summary) are named "quote…". */
const isQuoteDialog = (id: string): boolean => /^quote/u.test(id);

/** The innermost running dialog reads this message itself (a dialog with `claims(text, lang)`, e.g. a choice's way out). */
function innermostClaims(dc: DialogContext, text: string, lang: Lang): boolean {
  let inner: DialogContext = dc;
  while (inner.child) inner = inner.child;
  const id = inner.activeDialog?.id;
  const dialog = id ? (inner.findDialog(id) as { claims?: (text: string, lang: Lang) => boolean } | undefined) : undefined;
  return dialog?.claims?.(text, lang) === true;
}
const holdsQuote = (stack: readonly DialogInstance[]): boolean => stack.some((d) => isQuoteDialog(d.id) || /"quote\./u.test(JSON.stringify(d.state ?? {})));
/** How long a cancelled request can be brought back. */
const RESUME_WINDOW_MS = 60 * 60 * 1000;
const ROUTER = 'main.router';
/** The router's decision, when it was made before the dialogs ran (routeWithoutDialogs). */
const ROUTED = Symbol('routed');

/** What the router decided for a message: answered, or a dialog to begin, or a restart or resume of the stack. */
type Routed = { kind: 'done' } | { kind: 'begin'; dialogId: string; options: object } | { kind: 'restart' } | { kind: 'resume' };

/** `restart`: route the message as a new request, ignoring the command words in it. */
interface RouterOptions {
  restart?: boolean;
}

/**
 * A way into a child dialog. `intent` matches a global intent (from
 * knowledge/intents.json or a menu button); `detect` may recognise free text
 * (e.g. "je voudrais un devis…") and return the dialog's options.
 */
export interface Route {
  dialog: Dialog;
  intents?: string[];
  detect?: (text: string, lang: Lang) => object | undefined;
  /** Started on top of a running dialog (which is parked and re-prompted when it ends). */
  interrupts?: boolean;
  /** Global intents this dialog handles itself while it is the active one ("cancel" inside the handoff cancels the handoff). */
  ownIntents?: string[];
  /** The dialog may give a message away (`requestReroute`): it is then ended and the message handled as if it were not there. */
  yields?: boolean;
}

/** Whatever answers free text: the FAQ engine. */
export interface FreeTextResponder {
  /**
   * Answers before the routes when sure: a tapped topic title always, a
   * question-like message when the answer is confident. False leaves the
   * message to the routes.
   */
  answerFirst(context: TurnContext, text: string, questionLike: boolean): Promise<boolean>;
  /** Answers, asks which topic was meant, or says plainly it has no answer. */
  respond(context: TurnContext, text: string): Promise<void>;
}

export interface MainDialogDeps {
  state: BotState;
  yesNo: YesNo;
  routes?: Route[];
  freeText?: FreeTextResponder;
}

/**
 * Routes each message: global commands first (help, cancel, language), then the
 * routes (quote, handoff…), then free text (FAQ). Global commands also work in
 * the middle of any child dialog, which is re-prompted afterwards.
 */
export class MainDialog extends ComponentDialog {
  private readonly routes: Route[];

  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.routes = deps.routes ?? [];
    for (const route of this.routes) this.addDialog(route.dialog);
    this.addDialog(new WaterfallDialog<RouterOptions>(ROUTER, [this.routeStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = ROUTER;
  }

  /** Intercepts global commands while a child dialog waits for an answer. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const context = innerDc.context;
    if (context.activity.type === ActivityTypes.Message) {
      const handled = await this.interrupt(innerDc);
      if (handled) return handled;
    }
    const result = await super.onContinueDialog(innerDc);
    if (takeReroute(context)) return this.reroute(innerDc);
    // A form read "start over: <a new request>" (or changed kind): drop everything and start that.
    const restart = takeRestart(context);
    return restart ? this.restart(innerDc, restart) : result;
  }

  /**
   * The active dialog gave the message away: it goes, without re-prompting what it had parked
   * (that would ask the parked question before the answer). Nothing parked: the message is
   * routed as a new one. A parked form: the message is answered (a command, or the FAQ), then
   * the form asks its question again.
   */
  private async reroute(innerDc: DialogContext): Promise<DialogTurnResult> {
    const top = innerDc.activeDialog;
    if (top && this.routes.some((r) => r.yields && r.dialog.id === top.id)) innerDc.stack.pop();
    if (!innerDc.activeDialog || innerDc.activeDialog.id === ROUTER) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(ROUTER, {} satisfies RouterOptions);
    }
    const handled = await this.interrupt(innerDc);
    if (handled) return handled;
    const text = innerDc.context.activity.text ?? '';
    if (this.deps.freeText) await this.deps.freeText.respond(innerDc.context, text);
    else await innerDc.context.sendActivity(turnInfo(innerDc.context).t('common:unknown'));
    await innerDc.repromptDialog();
    return Dialog.EndOfTurn;
  }

  /** Cancels every running dialog, then routes this message as a new request (or starts the dialog asked for). */
  private async restart(innerDc: DialogContext, restart?: Restart): Promise<DialogTurnResult> {
    const { t } = turnInfo(innerDc.context);
    // The request left is kept for an hour, as after a cancel: "back to my quote" brings it back.
    if (holdsQuote(innerDc.stack)) {
      const data = await this.deps.state.conversationData.get(innerDc.context, {});
      data.cancelled = { stack: JSON.parse(JSON.stringify(innerDc.stack)) as DialogInstance[], at: Date.now() };
    }
    await innerDc.cancelAllDialogs();
    const start = restart?.start;
    await innerDc.context.sendActivity(t(start?.noticeKey ?? 'common:restart.done', start?.noticeParams));
    if (start) return innerDc.beginDialog(start.dialogId, start.options);
    return innerDc.beginDialog(ROUTER, { restart: true } satisfies RouterOptions);
  }

  /** "start over: upgrade Confluence DC, SEN-…": a restart word and a request a route recognises. */
  private isRestart(text: string, lang: Lang): boolean {
    const folded = foldText(text);
    const restartWords = allLangs(formTurnWords().restart, lang);
    if (!restartWords.some((w) => findAlias(folded, foldText(w)).length > 0)) return false;
    return this.routes.some((route) => route.detect?.(text, lang) !== undefined);
  }

  /** A restart word with order facts (product, tier, edition, site…) while a quote form waits: not a cancel. */
  private isRestartWithChanges(innerDc: DialogContext, text: string, lang: Lang): boolean {
    const folded = foldText(text);
    if (!allLangs(formTurnWords().restart, lang).some((w) => findAlias(folded, foldText(w)).length > 0)) return false;
    if (!/"quote\.(?:slots|summary)/u.test(JSON.stringify(innerDc.stack))) return false;
    const slots = extractQuoteSlots(text, lang).slots;
    return (['product', 'tier', 'edition', 'maintenanceYears', 'siteUrl', 'sen', 'targetDate'] as const).some((slot) => slot in slots);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    const { t, intent } = turnInfo(context);
    const text = context.activity.text ?? '';
    const data = await this.deps.state.conversationData.get(context, {});
    const { lang } = turnInfo(context);
    // "Delete my data" is honoured at any point, even instead of answering "stop what we're doing?".
    if (intent?.intent === 'deleteData') data.pendingCancel = false;
    // Another request (a person, help, the language) answers "stop what we're doing?" by moving on: it is handled, the question dropped.
    if (data.pendingCancel && intent && intent.intent !== 'cancel' && intent.intent !== 'resume') data.pendingCancel = false;
    const owner = this.routes.find((r) => r.dialog.id === innerDc.activeDialog?.id);
    if (intent && intent.intent !== 'deleteData' && owner?.ownIntents?.includes(intent.intent)) return undefined;
    // "never mind", "算了" at the Edit menu: the menu's way out (the summary again), not "stop the request?".
    if (intent?.intent === 'cancel' && !data.pendingCancel && innermostClaims(innerDc, text, lang)) return undefined;

    if (data.pendingCancel) {
      // "never mind", "laisse tomber", "算了" here mean: don't stop.
      const answer = backsOut(text, lang) ? false : this.deps.yesNo(text, lang);
      // "Confirm" (a summary button clicked again) is not "yes, cancel": the question is asked again.
      const confirmButton = LANGS.some((lng) => normalizeCommand(t('quote:summary.confirm', { lng })) === normalizeCommand(text));
      if (answer === true && !confirmButton) {
        data.pendingCancel = false;
        // Kept for an hour, so "reprendre" / "resume" brings the request back where it was.
        data.cancelled = { stack: JSON.parse(JSON.stringify(innerDc.stack)) as DialogInstance[], at: Date.now() };
        await innerDc.cancelAllDialogs();
        await context.sendActivity(withMenu(t, t('common:cancel.doneUndo')));
        return { status: DialogTurnStatus.complete };
      }
      if (answer === false) {
        data.pendingCancel = false;
        await context.sendActivity(t('common:cancel.kept'));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      // Neither yes nor no: nothing is taken as an answer; the question is explained if asked about, and asked again.
      if (intent?.intent !== 'cancel' || confirmButton) {
        const key = looksLikeQuestion(text) ? 'common:cancel.explain' : 'common:cancel.again';
        await context.sendActivity(MessageFactory.suggestedActions(yesNoActions(t), t(key)));
        return Dialog.EndOfTurn;
      }
    }
    if (intent?.intent === 'cancel' && this.isRestart(text, turnInfo(context).lang)) {
      data.pendingCancel = false;
      return this.restart(innerDc);
    }
    // "start over with Confluence Standard 100 users, same site" in a quote form: changes the form reads.
    if (intent?.intent === 'cancel' && !data.pendingCancel && this.isRestartWithChanges(innerDc, text, turnInfo(context).lang)) return undefined;
    switch (intent?.intent) {
      case 'help':
        await context.sendActivity(t('common:help.text'));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'resume': {
        // "reprendre mon devis" from the handoff (or another flow started on top): that flow ends, the form asks again.
        // The stack's last entry is the active dialog.
        const at = innerDc.stack.map((d) => isQuoteDialog(d.id)).lastIndexOf(true);
        const above = at < 0 ? -1 : innerDc.stack.length - 1 - at;
        if (above > 0) {
          innerDc.stack.splice(at + 1);
          await context.sendActivity(t('common:resume.done'));
          await innerDc.repromptDialog();
          return Dialog.EndOfTurn;
        }
        // A request left for another one ("start over: …", a kind switch): it comes back as it was.
        const saved = data.cancelled;
        if (above <= 0 && saved && Date.now() - saved.at <= RESUME_WINDOW_MS && saved.stack.length > 0) {
          delete data.cancelled;
          innerDc.stack.splice(0, innerDc.stack.length, ...saved.stack);
          await context.sendActivity(t('common:resume.done'));
          await innerDc.repromptDialog();
          return Dialog.EndOfTurn;
        }
        // Nothing was cancelled: we are still in the form.
        await context.sendActivity(t('common:help.resume'));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      case 'cancel':
        data.pendingCancel = true;
        await context.sendActivity(MessageFactory.suggestedActions(yesNoActions(t), t('common:cancel.confirm')));
        return Dialog.EndOfTurn;
      case 'language':
        if (intent.variant === 'choose') {
          await context.sendActivity(languageChoice(t));
        } else {
          await context.sendActivity(t('common:language.switched'));
          await innerDc.repromptDialog();
        }
        return Dialog.EndOfTurn;
    }
    const route = intent && this.routes.find((r) => r.interrupts && r.intents?.includes(intent.intent));
    if (route) return innerDc.beginDialog(route.dialog.id, { interrupted: true });
    return undefined;
  }

  /**
   * Answers a message when no dialog is running, without the dialog machinery: a help, a
   * greeting or an FAQ answer needs no dialog context, no dialog stack and no waterfall (they were
   * a fifth of an FAQ turn's CPU in the profile). False when the message needs a dialog: nothing
   * was sent, and the route chosen is kept for the router (`routeStep`) the bot then begins.
   */
  async routeWithoutDialogs(context: TurnContext): Promise<boolean> {
    const decision = await this.route(context, false);
    if (decision.kind === 'done') return true;
    context.turnState.set(ROUTED, decision);
    return false;
  }

  /** Handles one message when no dialog is running. */
  private async routeStep(step: WaterfallStepContext<RouterOptions>): Promise<DialogTurnResult> {
    const restarting = step.options?.restart === true;
    // Already routed this turn (routeWithoutDialogs): the same message is not read twice.
    const routed = restarting ? undefined : (step.context.turnState.get(ROUTED) as Routed | undefined);
    step.context.turnState.delete(ROUTED);
    const decision = routed ?? (await this.route(step.context, restarting));
    switch (decision.kind) {
      case 'done':
        return step.endDialog();
      case 'begin':
        return step.beginDialog(decision.dialogId, decision.options);
      case 'restart':
        return step.replaceDialog(ROUTER, { restart: true } satisfies RouterOptions);
      case 'resume':
        return this.resume(step);
    }
  }

  /**
   * What one message asks for when no dialog is running: answered here (`done`: commands, the
   * FAQ), or a dialog to begin, or a restart or resume, which need the dialog stack. Nothing is
   * sent on the way to a non-`done` decision.
   */
  private async route(context: TurnContext, restarting: boolean): Promise<Routed> {
    const { t, lang } = turnInfo(context);
    const text = context.activity.text ?? '';
    // A restart routes the sentence as a request: its "start over" is not a command any more.
    const intent = restarting ? undefined : turnInfo(context).intent;
    const done: Routed = { kind: 'done' };

    if (!text) {
      await context.sendActivity(withMenu(t, t('common:unsupported')));
      return done;
    }
    if (intent?.intent === 'cancel' && this.isRestart(text, lang)) return { kind: 'restart' };
    switch (intent?.intent) {
      case 'help':
        await context.sendActivity(helpMessage(t));
        return done;
      case 'cancel':
        await context.sendActivity(withMenu(t, t('common:cancel.nothing')));
        return done;
      case 'language':
        await context.sendActivity(
          intent.variant === 'choose' ? languageChoice(t) : withMenu(t, t('common:language.switched')),
        );
        return done;
      case 'greeting':
        await context.sendActivities(welcomeActivities(t, context.activity.from?.name));
        return done;
      case 'thanks':
        await context.sendActivity(withMenu(t, t('common:thanks')));
        return done;
      case 'ask':
        await context.sendActivity(t('common:ask.prompt'));
        return done;
      case 'resume':
        return { kind: 'resume' };
      case 'notHelpful':
        // "ça ne m'aide pas": a 👎 on the last answer (the FAQ offers an advocate), never a new question.
        if (this.deps.freeText) {
          await this.deps.freeText.respond(context, text);
          return done;
        }
        break;
    }
    for (const route of this.routes) {
      if (intent && route.intents?.includes(intent.intent)) return { kind: 'begin', dialogId: route.dialog.id, options: {} };
    }
    // A tapped FAQ title answers first. Then "I need to renew SEN-…", "can I get a quote for 730
    // users?" start a dialog (a route detects only requests, or questions carrying request data);
    // "How do I renew…?" is for the FAQ.
    const freeText = this.deps.freeText;
    if (freeText && !restarting && (await freeText.answerFirst(context, text, false))) return done;
    for (const route of this.routes) {
      const options = route.detect?.(text, lang);
      if (options) return { kind: 'begin', dialogId: route.dialog.id, options };
    }
    const questionLike = looksLikeQuestion(text) && !carriesRequestData(text);
    if (freeText && !restarting && (await freeText.answerFirst(context, text, questionLike))) return done;
    if (freeText) await freeText.respond(context, text);
    else await context.sendActivity(withMenu(t, t('common:unknown')));
    return done;
  }

  /** "reprendre" after a confirmed cancel: the dialogs come back as they were, and the open question is asked again. */
  private async resume(step: WaterfallStepContext<RouterOptions>): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const data = await this.deps.state.conversationData.get(step.context, {});
    const saved = data.cancelled;
    delete data.cancelled;
    if (!saved || Date.now() - saved.at > RESUME_WINDOW_MS || saved.stack.length === 0) {
      await step.context.sendActivity(withMenu(t, t('common:resume.nothing')));
      return step.endDialog();
    }
    step.stack.splice(0, step.stack.length, ...saved.stack);
    await step.context.sendActivity(t('common:resume.done'));
    await step.repromptDialog();
    return Dialog.EndOfTurn;
  }

  /** A child dialog ended: nothing is left running. */
  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
