import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { QuoteRequest } from '../../backend/quotes/index.js';
import type { BotState } from '../../bot/state.js';
import { userTimeZone } from '../../bot/handoff/when.js';
import { turnInfo } from '../../bot/turn.js';
import type { Lang } from '../../knowledge/lang.js';
import { withMenu } from '../messages.js';
import { detectStatusQuestion, statusReference } from './interpret/statusQuestion.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';

/** Requests listed for "où en est ma demande ?" without a reference. */
export const STATUS_LIST_LIMIT = 5;

/** "où en est QR-20261122-0042 ?", "QR-… 的状态", "status of QR-…": the reference asked about. */
export const detectStatusLookup = statusReference;

const CULTURE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', zh: 'zh-CN' };

/** The filing date in the user's own time zone when the client says it (a request filed at 23:30 UTC is "3 décembre" in Paris). */
function statusLine(t: TFunction, lang: Lang, request: QuoteRequest, timeZone: string): string {
  const date = new Intl.DateTimeFormat(CULTURE[lang], { dateStyle: 'long', timeZone }).format(new Date(request.createdAt));
  return t('quote:status.line', { ref: request.id, kind: t(`quote:kind.${request.kind}`), status: t(`quote:status.short.${request.status}`), date });
}

/**
 * Tells the status of a filed request, only to the user who filed it or in the conversation
 * where it was filed; anyone else hears "not found", as if it did not exist. Without a
 * reference, lists this user's own requests, newest first.
 */
export async function tellStatus(
  context: TurnContext,
  ref: string | undefined,
  quotes: QuoteDialogDeps['quotes'],
  options: { withMenu?: boolean } = {},
): Promise<void> {
  const { t, lang } = turnInfo(context);
  const { channelId, from, conversation } = context.activity;
  const requester = { channel: channelId, userId: from.id, conversationId: conversation.id };
  const reply = (text: string) => context.sendActivity(options.withMenu === false ? text : withMenu(t, text));
  if (!ref) {
    const mine = await quotes.listForRequester(requester, STATUS_LIST_LIMIT);
    if (mine.length === 0) {
      await reply(t('quote:status.none'));
      return;
    }
    await reply([t('quote:status.list', { count: mine.length }), ...mine.map((r) => `- ${statusLine(t, lang, r, userTimeZone(context.activity) ?? 'UTC')}`)].join('\n'));
    return;
  }
  const request = await quotes.findForRequester(ref, requester);
  if (!request) {
    await reply(t('quote:status.notFound', { ref }));
    return;
  }
  const note = [...request.history].reverse().find((h) => h.status === request.status)?.note;
  const lines = [t(`quote:status.${request.status}`, { ref }), ...(note ? [t('quote:status.note', { note })] : [])];
  await reply(lines.join('\n\n'));
}

/**
 * Status questions outside a form are answered before the main dialog: they are usually
 * phrased as questions ("où en est ma demande ?"), which the main dialog gives to the FAQ first
 * (its order-tracking and refund topics would answer in general terms). Inside a running
 * dialog the form interpreter reads them and asks its prompt again afterwards.
 */
export function statusLookupMiddleware(state: BotState, quotes: QuoteDialogDeps['quotes']): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type !== ActivityTypes.Message) return next();
      const asked = detectStatusQuestion(context.activity.text ?? '', turnInfo(context).lang);
      if (!asked) return next();
      const stack = (await state.dialogState.get(context))?.dialogStack ?? [];
      if (stack.length > 0) return next();
      await tellStatus(context, asked.ref, quotes);
    },
  };
}
