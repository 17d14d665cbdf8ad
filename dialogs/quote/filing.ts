import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { QuoteRequestDraft } from '../../backend/quotes/index.js';
import { referenceOf } from '../../bot/proactive.js';
import { getProduct } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { draftItems } from './orderItems.js';
import { requireKind, type QuoteDraft } from './quoteDraft.js';

/** The draft as the backend's QuoteRequest wants it: slots by name, order lines, co-term, who filed it. */
export function toRequestDraft(draft: QuoteDraft, context: TurnContext, lang: Lang): QuoteRequestDraft {
  const kind = requireKind(draft);
  const { sen, product: _lines, tier: _tier, maintenanceYears, edition, targetDate, paymentPreference, confirm: _c, notes, ...people } = draft.slots;
  const sens = sen ?? [];
  const items = draftItems(draft).map((item) => ({
    ...item,
    ...(getProduct(item.product) && { productName: getProduct(item.product)!.name }),
    ...(maintenanceYears !== undefined && { maintenanceYears }),
  }));
  // One edition for the request only when every line has it ("Jira Premium, Bitbucket Standard" has none).
  const oneEdition = new Set(items.map((i) => i.edition)).size <= 1 ? edition : undefined;
  const activity = context.activity;
  return {
    kind,
    locale: lang,
    channel: activity.channelId,
    ...people,
    ...(sens[0] && { sen: sens[0] }),
    ...(sens.length > 1 && { sens }),
    ...(oneEdition && { edition: oneEdition }),
    ...(paymentPreference && { paymentPreference: draft.net30 ? 'net30' : paymentPreference }),
    items,
    ...(kind === 'coterm' && targetDate && sens.length > 0 && { coterm: { sens, targetDate } }),
    ...(notes && { notes }),
    conversationRef: referenceOf(context) as Record<string, unknown>,
    userId: activity.from.id,
    conversationId: activity.conversation.id,
  };
}

/**
 * Same conversation + same dialog run + same content → same key: a double-clicked Confirm or a
 * redelivered activity files once and both get the same reference; a new request in the same
 * conversation (a new draft id) files again.
 */
export function idempotencyKey(draft: QuoteDraft, conversationId: string): string {
  const content = JSON.stringify([conversationId, draft.id, draft.kind, sorted(draft.slots), sorted(draft.itemTiers), sorted(draft.itemEditions), sorted(draft.itemSens), draft.net30, draft.facts, sorted(draft.unheld)]);
  return `bot-${createHash('sha256').update(content).digest('hex').slice(0, 40)}`;
}

function sorted(record: object): Array<[string, unknown]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
