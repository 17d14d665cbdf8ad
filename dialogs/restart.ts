import type { TurnContext } from 'botbuilder';

/**
 * A child dialog that reads "start over: <a new request>" cannot end the dialogs above it. It
 * leaves the text here; the main dialog then cancels everything and routes the text as a new
 * message, so the new request starts with the sentence as its prefill.
 */
const RESTART = Symbol('restartWith');

/** Route `text` as a new message, or start `dialogId` with `options` (a form that changes kind). */
export interface Restart {
  text: string;
  start?: { dialogId: string; options: object; noticeKey?: string; noticeParams?: Record<string, string> };
}

export function requestRestart(context: TurnContext, restart: Restart): void {
  context.turnState.set(RESTART, restart);
}

export function takeRestart(context: TurnContext): Restart | undefined {
  const restart = context.turnState.get(RESTART) as Restart | undefined;
  context.turnState.delete(RESTART);
  return restart;
}

/**
 * A dialog that gives the message away (the optional rating after a live conversation, given
 * a question instead of a score) leaves this mark; the main dialog then ends it without
 * re-prompting what it had parked, handles the message, and only then asks the parked question.
 */
const REROUTE = Symbol('reroute');

export function requestReroute(context: TurnContext): void {
  context.turnState.set(REROUTE, true);
}

export function takeReroute(context: TurnContext): boolean {
  const marked = context.turnState.get(REROUTE) === true;
  context.turnState.delete(REROUTE);
  return marked;
}
