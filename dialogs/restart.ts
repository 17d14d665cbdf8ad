import type { TurnContext } from 'botbuilder';

/**
 * A child dialog that reads "start over: <a new request>" cannot end the dialogs above it. It
 * leaves the text here; the main dialog then cancels everything and routes the text as a new
 * message, so the new request starts with the sentence as its prefill.
 */
const RESTART = Symbol('restartWith');

export function requestRestart(context: TurnContext, text: string): void {
  context.turnState.set(RESTART, text);
}

export function takeRestart(context: TurnContext): string | undefined {
  const text = context.turnState.get(RESTART) as string | undefined;
  context.turnState.delete(RESTART);
  return text;
}
