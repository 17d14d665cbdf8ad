import type { TurnContext } from 'botbuilder';
import type { FaqTrace, TurnRecord } from '../../backend/insights/insightRecord.js';
import type { FaqDecision } from '../../knowledge/faq.js';

/** What the features tell the insight record of the turn in progress (see `TurnRecorder`). */
export type TurnNote = Pick<TurnRecord, 'id'> & Partial<Pick<TurnRecord, 'text' | 'faq' | 'pick' | 'vote' | 'relayed'>>;

const NOTE = Symbol('insightsTurnNote');

export function startTurnNote(context: TurnContext, id: string): TurnNote {
  const note: TurnNote = { id };
  context.turnState.set(NOTE, note);
  return note;
}

/** Adds to this turn's record; a no-op when no recorder runs (a bot built without the insights feature). */
export function noteTurn(context: TurnContext, note: Partial<Omit<TurnNote, 'id'>>): void {
  const current = context.turnState.get(NOTE) as TurnNote | undefined;
  if (current) Object.assign(current, note);
}

/** The id this turn's record will have, so a later turn can point at it (a vote, a pick). */
export function turnRecordId(context: TurnContext): string | undefined {
  return (context.turnState.get(NOTE) as TurnNote | undefined)?.id;
}

/** The FAQ decision as the record keeps it: the top five candidates with their scores. */
export function faqTrace(decision: FaqDecision, via: FaqTrace['via'] = 'engine'): FaqTrace {
  const confidence = (decision as { confidence?: unknown }).confidence;
  return {
    decision: decision.kind,
    candidates: decision.candidates.slice(0, 5).map(({ id, score }) => ({ id, score })),
    ...(decision.kind === 'answer' ? { answered: decision.id } : {}),
    via,
    ...(typeof confidence === 'number' ? { confidence } : {}),
  };
}
