import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { FilledSlots } from './quoteDraft.js';

/** The reseller's own details, as they gave them in this conversation. */
export type ResellerDetails = Pick<FilledSlots, 'resellerName' | 'resellerEmail' | 'resellerCompany'>;
/** The end customer of the latest request, for "même client" / "same customer" / "同一个客户". */
export type CustomerDetails = Pick<FilledSlots, 'endUserOrganization'>;
type Remembered = ResellerDetails & CustomerDetails;
const RESELLER_FIELDS = ['resellerName', 'resellerEmail', 'resellerCompany'] as const;
const CUSTOMER_FIELDS = ['endUserOrganization'] as const;

export interface ResellerMemory {
  remember(context: TurnContext, slots: FilledSlots): Promise<void>;
  recall(context: TurnContext): Promise<ResellerDetails>;
  /** The customer is carried only when the new request says it is the same one. */
  recallCustomer(context: TurnContext): Promise<CustomerDetails>;
}

const pick = <F extends keyof Remembered>(from: Partial<Remembered>, fields: readonly F[]): Pick<Remembered, F> =>
  Object.fromEntries(fields.filter((f) => typeof from[f] === 'string' && from[f]).map((f) => [f, from[f]])) as Pick<Remembered, F>;

/**
 * A reseller who starts over, or files a second request in the same conversation, is not asked
 * again for their own name, email and company: the next request starts with them (shown in
 * "J'ai noté : …" and on the summary, where they can be corrected). Whatever gave them (the
 * opening sentence, a prompt, a correction) counts. Kept in conversation state, so it goes with
 * the conversation (and with "delete my data").
 */
export function resellerMemory(accessor: StatePropertyAccessor<Remembered | undefined>): ResellerMemory {
  return {
    async remember(context, slots) {
      const given = { ...pick(slots, RESELLER_FIELDS), ...pick(slots, CUSTOMER_FIELDS) };
      if (Object.keys(given).length === 0) return;
      await accessor.set(context, { ...(await accessor.get(context)), ...given });
    },
    recall: async (context) => pick((await accessor.get(context)) ?? {}, RESELLER_FIELDS),
    recallCustomer: async (context) => pick((await accessor.get(context)) ?? {}, CUSTOMER_FIELDS),
  };
}
