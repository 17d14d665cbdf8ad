import { ActivityTypes, HandoffEventNames, MessageFactory, type Middleware, type TurnContext } from 'botbuilder';
import { backsOut } from '../../dialogs/handoffWords.js';
import { noteTurn } from '../insights/turnNotes.js';
import { turnInfo } from '../turn.js';
import { ratingQuestion, sentences, type HandoffService, type HubState } from './service.js';

const HUB_STATES: readonly string[] = ['accepted', 'failed', 'completed'];

/**
 * While a person is being found or is talking, the ticket owner's messages go
 * to the advocate and the turn stops here: silent while an advocate talks, a short
 * "added to your request, you are number N" while the user still waits in the queue. The
 * exceptions: "cancel" or "never mind" while still waiting, which withdraws the request and
 * lets the handoff dialog say so; "cancel" with an advocate, which leaves the conversation;
 * and "delete my data" with its yes or no. A language switch is applied to the ticket.
 * Also turns a hub's `handoff.status` events into localized messages.
 */
export class HandoffRelayMiddleware implements Middleware {
  /** `passThrough`: a message the bot must see even now ("delete my data" and its confirmation). */
  constructor(
    private readonly service: HandoffService,
    private readonly passThrough: (context: TurnContext) => Promise<boolean> = async () => false,
    /** Saves the user's profile: the bot's own save does not run on a relayed turn, and a language switch must stick. */
    private readonly saveProfile: (context: TurnContext) => Promise<void> = async () => undefined,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Event && activity.name === HandoffEventNames.HandoffStatus) {
      const state = (activity.value as { state?: unknown } | undefined)?.state;
      if (typeof state === 'string' && HUB_STATES.includes(state)) {
        await this.service.hubStatus(context, state as HubState, turnInfo(context).t);
      }
      return;
    }
    if (activity.type !== ActivityTypes.Message || !activity.conversation?.id) return next();

    const ticket = await this.service.inCharge({ channelId: activity.channelId, conversationId: activity.conversation.id, userId: activity.from?.id ?? '' });
    if (!ticket) return next();

    const info = turnInfo(context);
    const text = activity.text ?? '';
    if (await this.passThrough(context)) return next();
    if (ticket.status === 'waiting' && (info.intent?.intent === 'cancel' || backsOut(text, info.lang))) {
      await this.service.cancel(ticket);
      // Consumed here: the main dialog must not ask "stop what we're doing?" about the parked dialog.
      info.intent = undefined;
      return next();
    }
    // "annuler", "quitter", "stop" with an advocate: the user leaves the live conversation (the advocate is told).
    if (ticket.status === 'active' && info.intent?.intent === 'cancel') {
      await this.service.leave(ticket, text);
      await context.sendActivities([MessageFactory.text(info.t('handoff:left', { name: ticket.advocate ?? '' })), ratingQuestion(info.t)]);
      return;
    }
    noteTurn(context, { relayed: true });
    const { position } = await this.service.relayFromUser(ticket, text);
    // "can we continue in English?": the ticket follows, the advocate is told, the user hears it in the new language.
    if (info.languageChanged && ticket.mode === 'console') {
      await this.service.setLanguage(ticket, info.lang, info.t('handoff:waiting.languageNote'));
      await this.saveProfile(context);
    }
    // Still in the queue: say the message reached the request (once an advocate has it, they answer).
    if (position) {
      const added = info.t('handoff:waiting.added', { position });
      await context.sendActivity(info.languageChanged ? sentences(info.t, info.t('common:language.switched'), added) : added);
    }
  }
}
