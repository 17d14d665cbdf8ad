import { ActivityEventNames, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Lang } from '../../knowledge/lang.js';
import { langFromLocale, REPLY_LOCALE } from '../locale.js';
import type { Logger } from '../log.js';
import { conversationKey } from '../state.js';

/** Runs sections one at a time per name, across every instance (`AdvisoryLocks` on PostgreSQL). */
export interface NamedLocks {
  run<T>(name: string, section: () => Promise<T>): Promise<T>;
  /** Runs `section` only if nobody holds `name` now; otherwise resolves at once without running it. */
  tryRun<T>(name: string, section: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }>;
}

export interface TurnLockDeps {
  locks: NamedLocks;
  i18n: i18n;
  logger: Logger;
  defaultLang: Lang;
  /** The turn error handler, run while the lock is still held (it saves state too). */
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
}

/**
 * Turns of one conversation run one at a time on every instance: the whole turn — state load,
 * dialogs, side effects, state save — runs under a lock named after the conversation's state key.
 *
 * Why a lock and not optimistic retries: botbuilder's `BotState.saveChanges` writes with eTag `*`
 * (botbuilder-js #705), so a conditional save would need our own state class, and a turn that
 * lost the race would have to be run again with its replies held back — but a turn also files
 * quotes, opens tickets, relays messages to advocates and logs FAQ questions, outside the state,
 * and a rerun would do those twice. Under the lock each turn runs exactly once, in arrival order,
 * seeing the state the previous turn saved, whichever instance ran it. Turns of different
 * conversations do not wait for each other. A killed instance's lock dies with its connection.
 *
 * First in the middleware chain, so nothing reads state before the lock is held. Proactive turns
 * (`ContinueConversation`: status messages, advocate replies) are not locked: they only send,
 * and an advocate reply sent while the user's own turn runs must not wait for it.
 *
 * When the database cannot be reached the turn does not run: the user is told, in their
 * channel's language, that the bot is briefly unavailable and that what they sent before is safe.
 */
export class TurnLock implements Middleware {
  constructor(private readonly deps: TurnLockDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const proactive = activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation;
    if (proactive || !activity.channelId || !activity.conversation?.id) return next();
    const name = `turn:${conversationKey(activity.channelId, activity.conversation.id)}`;
    let started = false;
    try {
      await this.deps.locks.run(name, async () => {
        started = true;
        try {
          await next();
        } catch (err) {
          await this.deps.onTurnError(context, err as Error);
        }
      });
    } catch (err) {
      if (started) throw err;
      this.deps.logger.error({ err: { message: (err as Error).message }, conversationId: activity.conversation.id }, 'turn not run: no lock');
      await this.unavailable(context);
    }
  }

  private async unavailable(context: TurnContext): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return;
    const lang = langFromLocale(context.activity.locale) ?? this.deps.defaultLang;
    await context.sendActivity({ type: ActivityTypes.Message, text: this.deps.i18n.getFixedT(lang)('common:unavailable'), locale: REPLY_LOCALE[lang] });
  }
}
