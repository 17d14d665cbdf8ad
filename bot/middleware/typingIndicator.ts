import { ActivityTypes, DeliveryModes, type Middleware, type TurnContext } from 'botbuilder';

/**
 * Shows "typing…" while a slow turn works. botbuilder's ShowTypingMiddleware
 * crashed the process under load: when a turn ended while its timer was firing,
 * the timer's error handler read the revoked turn context and threw outside any
 * handler. Here the timer stops before the turn ends and never touches a
 * finished context; with expectReplies (replies buffered in the HTTP response)
 * there is nobody to show it to, so nothing is sent.
 */
export class TypingIndicator implements Middleware {
  constructor(private readonly delayMs = 600, private readonly periodMs = 2500) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message || activity.deliveryMode === DeliveryModes.ExpectReplies) {
      return next();
    }
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = (): void => {
      if (done) return;
      context.sendActivity({ type: ActivityTypes.Typing }).then(
        () => {
          if (!done) timer = setTimeout(tick, this.periodMs);
        },
        () => undefined, // a lost typing indicator is harmless
      );
    };
    timer = setTimeout(tick, this.delayMs);
    try {
      await next();
    } finally {
      done = true;
      clearTimeout(timer);
    }
  }
}
