import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

/** The last request filed in a conversation: a repeated Confirm is answered with its reference. */
export interface LastFiling {
  ref: string;
  idempotencyKey: string;
  /** ISO time of the filing. */
  at: string;
}

export interface FiledMemory {
  remember(context: TurnContext, filing: LastFiling): Promise<void>;
  recall(context: TurnContext): Promise<LastFiling | undefined>;
  forget(context: TurnContext): Promise<void>;
}

/** Kept in conversation state, saved with the rest of the turn's state. */
export function filedMemory(accessor: StatePropertyAccessor<LastFiling | undefined>): FiledMemory {
  return {
    remember: (context, filing) => accessor.set(context, filing),
    recall: (context) => accessor.get(context),
    forget: (context) => accessor.delete(context),
  };
}
