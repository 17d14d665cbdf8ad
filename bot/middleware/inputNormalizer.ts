import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';

/**
 * Makes every channel's message look the same to the dialogs: the bot's own
 * @mention is removed (Teams), and a card button's `data.text` becomes the
 * message text, so a tapped button and a typed answer take the same path.
 */
export class InputNormalizer implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) {
      if (activity.entities?.some((e) => e.type === 'mention')) {
        TurnContext.removeRecipientMention(activity);
      }
      const value = activity.value as { text?: unknown } | undefined;
      if (!activity.text?.trim() && value && typeof value.text === 'string') {
        activity.text = value.text;
      }
      if (typeof activity.text === 'string') {
        activity.text = activity.text.replace(/\u00a0/g, ' ').trim();
      }
    }
    await next();
  }
}
