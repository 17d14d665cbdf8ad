import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { isSharedConversation, mentionsBot } from '../bot.js';
import { promptWaiting, sendNotice, waitingForAdvocate, type NoticeDeps } from './notice.js';

/** Characters (code points), counted without building an array of a 256 kB text. */
function charCount(text: string, atLeast: number): number {
  if (text.length <= atLeast) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * A message longer than `maxChars` gets "that's too long, please shorten it" and nothing else
 * runs on it: no language switch, no dialog, no FAQ, no advocate relay, no state change. A
 * prompt waiting for an answer keeps waiting (the notice says so), and nothing of the text is
 * stored. In a Teams channel the bot answers only when mentioned, so there it is dropped quietly.
 */
export class MessageLengthLimit implements Middleware {
  constructor(private readonly maxChars: number, private readonly deps: NoticeDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    if (a.type !== ActivityTypes.Message || typeof a.text !== 'string') return next();
    const length = charCount(a.text, this.maxChars);
    if (length <= this.maxChars) return next();
    if (isSharedConversation(context) && !mentionsBot(context)) return;
    const key = (await waitingForAdvocate(context, this.deps.state))
      ? 'common:limits.tooLongInQueue'
      : (await promptWaiting(context, this.deps.state)) ? 'common:limits.tooLongAtPrompt' : 'common:limits.tooLong';
    await sendNotice(context, this.deps, key, { length, max: this.maxChars });
  }
}
