import { ActivityTypes, TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogContext } from '../dialogs/sdk.js';
import { welcomeActivities, withMenu } from '../dialogs/messages.js';
import { otherLanguageOf } from '../knowledge/language/otherLanguage.js';
import type { BotState } from './state.js';
import { turnInfo } from './turn.js';

/** A main dialog that can answer a message without the dialog stack when none is running (MainDialog). */
export interface RoutesWithoutDialogs {
  /** True when the message was answered; false when a dialog must run (nothing was sent). */
  routeWithoutDialogs(context: TurnContext): Promise<boolean>;
}

/** Channel conversations (Teams channels, group chats) where the bot speaks only when mentioned. */
export function isSharedConversation(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat';
}

export function mentionsBot(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

/**
 * The activity handler: welcomes, runs the main dialog on messages, and treats
 * every other activity type as a harmless no-op. State is saved after every turn.
 */
/**
 * Where botbuilder-dialogs' DialogStateManager keeps its configuration for the turn
 * (memory/dialogStateManager.js): the memory scopes and path resolvers, built again on every
 * turn through a service collection and a zod parse that fails each time (~3 % of a turn in a
 * dialog). The scopes hold nothing of a turn (they read and write the turn's own state), so the
 * first turn's configuration serves every later one.
 */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

export class ResellerBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private dialogStateManagerConfiguration: unknown;

  constructor(private readonly state: BotState, private readonly mainDialog: Dialog & Partial<RoutesWithoutDialogs>) {
    super();
    this.dialogs = new DialogSet(state.dialogState);
    this.dialogs.add(mainDialog);

    this.onMessage(async (context, next) => {
      // Mentions were already stripped by InputNormalizer; the entity stays, so check it.
      if (isSharedConversation(context) && !mentionsBot(context)) return next();
      await this.welcomeOnce(context, Boolean(turnInfo(context).intent?.intent === 'greeting'));
      await this.runDialogs(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const others = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (others.length > 0) await this.welcome(context, others[0]?.name);
      await next();
    });

    this.onEvent(async (context, next) => {
      // Web Chat on a local Direct Line gets no membersAdded: the page asks for the welcome.
      if (context.activity.name === 'webchat/join') await this.welcome(context, context.activity.from?.name);
      if (context.activity.name === 'setLanguage') await this.languageChanged(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.conversationState.saveChanges(context, false);
    await this.state.userState.saveChanges(context, false);
  }

  /** Unknown invokes are acknowledged, not answered with 501: nothing for the channel to retry. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    return response.status === 501 ? { status: 200, body: {} } : response;
  }

  private async welcome(context: TurnContext, name?: string): Promise<void> {
    const data = await this.state.conversationData.get(context, {});
    data.welcomed = true;
    await context.sendActivities(welcomeActivities(turnInfo(context).t, name));
  }

  /** The first message of a conversation gets the greeting first (the full welcome if it is a greeting). */
  private async welcomeOnce(context: TurnContext, isGreeting: boolean): Promise<void> {
    const data = await this.state.conversationData.get(context, {});
    if (data.welcomed) return;
    // A message in a language the bot does not speak gets one reply in its three languages, not
    // a greeting in a language the user may not read first: the greeting waits for the next one.
    if (otherLanguageOf(context.activity.text ?? '')) return;
    data.welcomed = true;
    if (isGreeting) return; // the main dialog answers a greeting with the full welcome
    const { t } = turnInfo(context);
    await context.sendActivity(t('common:welcome.greeting', { name: '' }));
  }

  /** The client's language picker: confirm in the new language and re-ask any open question. */
  private async languageChanged(context: TurnContext): Promise<void> {
    const { t } = turnInfo(context);
    const dc = await this.createDialogContext(context);
    if (dc.activeDialog) {
      await context.sendActivity(t('common:language.switched'));
      await dc.repromptDialog();
    } else {
      await context.sendActivity(withMenu(t, t('common:language.switched')));
    }
  }

  private async runDialogs(context: TurnContext): Promise<void> {
    // No dialog running (most FAQ turns): the main dialog's router answers without a dialog
    // context, and the dialogs run only when it starts one. The state saved is the same: the
    // empty stack a dialog context would have stored.
    if (context.activity.type === ActivityTypes.Message && this.mainDialog.routeWithoutDialogs) {
      const dialogState = await this.state.dialogState.get(context, { dialogStack: [] });
      if (Array.isArray(dialogState.dialogStack) && dialogState.dialogStack.length === 0 && (await this.mainDialog.routeWithoutDialogs(context))) return;
    }
    const dc = await this.createDialogContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty && context.activity.type === ActivityTypes.Message) {
      await dc.beginDialog(this.mainDialog.id);
    }
  }

  private async createDialogContext(context: TurnContext): Promise<DialogContext> {
    if (this.dialogStateManagerConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.dialogStateManagerConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.dialogStateManagerConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION);
    return dc;
  }
}
