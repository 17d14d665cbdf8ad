import type { ConversationReference } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import type { LocalizedMessage, ProactiveSender } from '../../backend/quotes/index.js';
import type { ProactiveMessenger } from '../../bot/proactive.js';

/**
 * The backend's status message keys are `quoteStatus:changed.<status>` and
 * `quoteStatus:changedWithNote.<status>`; when that namespace has no such key the texts of
 * `quote:status.*` say the same thing, so the reseller always gets a sentence, never a key.
 */
export function statusText(t: TFunction, i18next: i18n, locale: string, message: LocalizedMessage): string {
  if (i18next.exists(message.key, { lng: locale })) return t(message.key, message.params);
  const status = message.key.split('.').at(-1) ?? '';
  const ref = message.params.ref ?? '';
  const note = message.params.note;
  const lines = [t(`quote:status.${status}`, { ref }), ...(note ? [t('quote:status.note', { note })] : [])];
  return lines.join('\n\n');
}

/**
 * Sends status changes into the conversation where the request was filed, in the reseller's
 * language. A failure throws, so the backend's outbox keeps the message and retries.
 */
export function createStatusSender(proactive: ProactiveMessenger, i18next: i18n): ProactiveSender {
  return {
    async send(conversationRef, locale, message) {
      const text = statusText(i18next.getFixedT(locale), i18next, locale, message);
      await proactive.continue(conversationRef as Partial<ConversationReference>, async (context) => {
        await context.sendActivity({ type: 'message', text, locale });
      });
    },
  };
}
