import { TurnContext, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { isAllowedServiceUrl } from './http/activityGuard.js';

/** Sends messages outside a user's turn (quote status changes, advocate replies). */
export interface ProactiveMessenger {
  /**
   * Runs `logic` in a turn on the stored conversation. Throws when the
   * conversation cannot be reached, so callers keep the message and retry.
   */
  continue(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function referenceOf(context: TurnContext): Partial<ConversationReference> {
  return TurnContext.getConversationReference(context.activity);
}

/**
 * In local mode nothing authenticates the serviceUrl a user's activity named,
 * so only allowed (loopback) hosts are ever contacted.
 */
export function createProactiveMessenger(
  adapter: CloudAdapter,
  opts: { appId?: string; localMode: boolean; localHosts: string[] },
): ProactiveMessenger {
  return {
    async continue(reference, logic) {
      const url = reference.serviceUrl;
      if (!url) throw new Error('proactive: the conversation reference has no serviceUrl');
      if (opts.localMode && !isAllowedServiceUrl(url, opts.localHosts)) {
        throw new Error(`proactive: ${new URL(url).host} is not an allowed host in local mode`);
      }
      await adapter.continueConversationAsync(opts.appId ?? '', reference, logic);
    },
  };
}
