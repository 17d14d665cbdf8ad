import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { FilledSlots } from './quoteDraft.js';

/** The reseller's own details, as they gave them in this conversation. */
export type ResellerDetails = Pick<FilledSlots, 'resellerName' | 'resellerEmail' | 'resellerCompany'>;
const FIELDS = ['resellerName', 'resellerEmail', 'resellerCompany'] as const;

export interface ResellerMemory {
  remember(context: TurnContext, slots: FilledSlots): Promise<void>;
  recall(context: TurnContext): Promise<ResellerDetails>;
}

/**
 * A reseller who starts over, or files a second request in the same conversation, is not asked
 * again for their own name, email and company: the next request starts with them (shown in
 * "J'ai noté : …" and on the summary, where they can be corrected). Kept in conversation state,
 * so it goes with the conversation (and with "delete my data").
 */
export function resellerMemory(accessor: StatePropertyAccessor<ResellerDetails | undefined>): ResellerMemory {
  return {
    async remember(context, slots) {
      const given = Object.fromEntries(FIELDS.filter((f) => typeof slots[f] === 'string' && slots[f]).map((f) => [f, slots[f]]));
      if (Object.keys(given).length === 0) return;
      await accessor.set(context, { ...(await accessor.get(context)), ...given });
    },
    recall: async (context) => (await accessor.get(context)) ?? {},
  };
}
