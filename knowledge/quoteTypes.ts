import { z } from 'zod';

/**
 * Shared vocabulary of the quote-request domain. The backend (QuoteRequest model), the
 * validators and the dialogs all import these, so a kind or slot is named in one place only.
 */

/** What the reseller asks for; the seeds distinguish Data Center, co-term and cloud paths. */
export const QUOTE_KINDS = [
  'dc-new',
  'dc-renewal',
  'dc-upgrade',
  'coterm',
  'cloud-existing',
  'cloud-new',
  'cloud-renewal',
  'cloud-upgrade',
] as const;
export const quoteKindSchema = z.enum(QUOTE_KINDS);
export type QuoteKind = z.infer<typeof quoteKindSchema>;

/**
 * Every slot a quote dialog can ask for. The prompt for slot `x` sets `channelData.slot = 'x'`
 * and uses the locale keys `quote:ask.x`, `quote:invalid.x`, `quote:label.x`.
 */
export const SLOT_NAMES = [
  'resellerName',
  'resellerEmail',
  'resellerCompany',
  'billingAddress',
  'endUserName',
  'endUserEmail',
  'endUserOrganization',
  'authorizedContactName',
  'authorizedContactEmail',
  'technicalContactName',
  'technicalContactEmail',
  'siteUrl',
  'sen',
  'product',
  'tier',
  'edition',
  'maintenanceYears',
  'targetDate',
  'paymentPreference',
  'notes',
  'confirm',
] as const;
export const slotNameSchema = z.enum(SLOT_NAMES);
export type SlotName = z.infer<typeof slotNameSchema>;

export function isQuoteKind(value: unknown): value is QuoteKind {
  return quoteKindSchema.safeParse(value).success;
}

export function isSlotName(value: unknown): value is SlotName {
  return slotNameSchema.safeParse(value).success;
}

/**
 * The value each slot holds once validated (dialogs/validators/slotValidators.ts produces them).
 * `sen` and `product` are lists: co-term takes several SENs, a quote several products.
 */
export interface SlotValues {
  resellerName: string;
  resellerEmail: string;
  resellerCompany: string;
  billingAddress: string;
  endUserName: string;
  endUserEmail: string;
  endUserOrganization: string;
  authorizedContactName: string;
  authorizedContactEmail: string;
  technicalContactName: string;
  technicalContactEmail: string;
  /** https://<name>.atlassian.net */
  siteUrl: string;
  /** Normalised "SEN-L1234567" values. */
  sen: string[];
  /** Catalog product ids ("jira", "confluence", "jira-service-management"). */
  product: string[];
  /** A catalog user tier (or the count as given above the top tier). */
  tier: number;
  /** Catalog edition id ("standard", "premium", "enterprise", "data-center"). */
  edition: string;
  maintenanceYears: number;
  /** YYYY-MM-DD */
  targetDate: string;
  paymentPreference: 'card' | 'quote';
  notes: string;
  confirm: 'confirm' | 'edit' | 'cancel';
}
