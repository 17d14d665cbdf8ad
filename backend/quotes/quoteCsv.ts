import { toCsv } from './csv.js';
import type { QuoteItem, QuoteRequest } from './quoteRequest.js';

function describeItem(item: QuoteItem): string {
  return [
    item.product,
    item.edition,
    item.sen,
    item.tier !== undefined ? `${item.tier} users` : undefined,
    item.maintenanceYears !== undefined ? `${item.maintenanceYears}y` : undefined,
    item.addOnOf ? `(add-on of ${item.addOnOf})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

/** One column per collected field, in the order staff read a request. */
const COLUMNS: ReadonlyArray<readonly [string, (r: QuoteRequest) => string | number | undefined]> = [
  ['id', (r) => r.id],
  ['status', (r) => r.status],
  ['kind', (r) => r.kind],
  ['createdAt', (r) => r.createdAt],
  ['updatedAt', (r) => r.updatedAt],
  ['locale', (r) => r.locale],
  ['channel', (r) => r.channel],
  ['resellerName', (r) => r.resellerName],
  ['resellerEmail', (r) => r.resellerEmail],
  ['resellerCompany', (r) => r.resellerCompany],
  ['billingAddress', (r) => r.billingAddress],
  ['endUserName', (r) => r.endUserName],
  ['endUserEmail', (r) => r.endUserEmail],
  ['endUserOrganization', (r) => r.endUserOrganization],
  ['authorizedContactName', (r) => r.authorizedContactName],
  ['authorizedContactEmail', (r) => r.authorizedContactEmail],
  ['technicalContactName', (r) => r.technicalContactName],
  ['technicalContactEmail', (r) => r.technicalContactEmail],
  ['siteUrl', (r) => r.siteUrl],
  ['sen', (r) => r.sen],
  ['sens', (r) => r.sens?.join(' ')],
  ['edition', (r) => r.edition],
  ['paymentPreference', (r) => r.paymentPreference],
  ['items', (r) => r.items.map(describeItem).join('; ')],
  ['cotermSens', (r) => r.coterm?.sens.join(' ')],
  ['cotermTargetDate', (r) => r.coterm?.targetDate],
  ['notes', (r) => r.notes],
  ['lastStaffNote', (r) => r.history.findLast((h) => h.note)?.note],
];

export function quotesToCsv(requests: Iterable<QuoteRequest>): string {
  const rows = [...requests].map((r) => COLUMNS.map(([, cell]) => cell(r)));
  return toCsv(
    COLUMNS.map(([name]) => name),
    rows,
  );
}
