import { z } from 'zod';
import { LANGS } from '../../knowledge/lang.js';
import { quoteKindSchema } from '../../knowledge/quoteTypes.js';

/**
 * A filed quote request as stored, returned by the staff API and POSTed to the webhook.
 * The collected fields are named like the dialog slots (`knowledge/quoteTypes.ts`), so a slot
 * value lands in the field of the same name; `product`/`tier`/`edition`/`maintenanceYears` of a
 * line go into `items`, `targetDate` into `coterm`.
 */

/** `QR-<UTC date>-<per-day sequence, at least 4 digits>`, e.g. `QR-20261122-0042`. */
export const QUOTE_REF_PATTERN = /^QR-\d{8}-\d{4,}$/;
export const quoteRefSchema = z.string().regex(QUOTE_REF_PATTERN, 'expected a reference like QR-20261122-0042');

export const QUOTE_STATUSES = ['submitted', 'in_review', 'quoted', 'rejected', 'closed'] as const;
export const quoteStatusSchema = z.enum(QUOTE_STATUSES);
export type QuoteStatus = z.infer<typeof quoteStatusSchema>;

/** `quote` = an official quote (PDF) by email; `net30` only for orders of USD 10,000 or more. */
export const paymentPreferenceSchema = z.enum(['card', 'quote', 'net30']);
export type PaymentPreference = z.infer<typeof paymentPreferenceSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
// Lenient on purpose: the dialog already validated the address with the recognizers.
const email = z.string().trim().max(254).regex(/^[^\s@]{1,64}@[^\s@]{1,252}\.[^\s@]{1,252}$/, 'expected an email address');
const sen = z.string().trim().regex(/^SEN-?[A-Z0-9]{4,20}$/i, 'expected a SEN like SEN-L1234567');
const isoDateTime = z.iso.datetime();

export const quoteItemSchema = z
  .object({
    product: text(100),
    /** The product's display name ("Jira Service Management"), for staff and exports. */
    productName: text(100).optional(),
    edition: text(60).optional(),
    /** The licence's SEN when the user said which product it is for. */
    sen: sen.optional(),
    /** Users (or agents) in the tier, e.g. 2000. */
    tier: z.number().int().positive().optional(),
    maintenanceYears: z.number().int().min(1).max(5).optional(),
    /** For an add-on: the product it extends (its tier must equal that product's tier). */
    addOnOf: text(100).optional(),
  })
  .strict();
export type QuoteItem = z.infer<typeof quoteItemSchema>;

export const cotermSchema = z
  .object({
    sens: z.array(sen).min(1).max(50),
    /** The common end date, `YYYY-MM-DD`. */
    targetDate: z.iso.date(),
  })
  .strict();

export const historyEntrySchema = z
  .object({
    status: quoteStatusSchema,
    note: text(2000).optional(),
    at: isoDateTime,
    /** Who made the change: a staff name from the API, `bot` for the filing itself. */
    by: text(100).optional(),
  })
  .strict();
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** What the dialog hands to `QuoteRepository.create`: everything it knows, nothing the backend assigns. */
export const quoteRequestDraftSchema = z
  .object({
    kind: quoteKindSchema,
    locale: z.enum(LANGS),
    /** Bot Framework channel id: `msteams`, `webchat`, `directline`… */
    channel: text(50),
    resellerName: text(200).optional(),
    resellerEmail: email.optional(),
    resellerCompany: text(200).optional(),
    billingAddress: text(500).optional(),
    endUserName: text(200).optional(),
    endUserEmail: email.optional(),
    endUserOrganization: text(200).optional(),
    authorizedContactName: text(200).optional(),
    authorizedContactEmail: email.optional(),
    technicalContactName: text(200).optional(),
    technicalContactEmail: email.optional(),
    /** As given, normally `https://<name>.atlassian.net`; the dialog normalises it. */
    siteUrl: text(300).optional(),
    sen: sen.optional(),
    sens: z.array(sen).max(50).optional(),
    edition: text(60).optional(),
    paymentPreference: paymentPreferenceSchema.optional(),
    items: z.array(quoteItemSchema).max(50).default([]),
    coterm: cotermSchema.optional(),
    notes: text(4000).optional(),
    /**
     * The bot's ConversationReference, kept opaque so the domain never imports botbuilder; the bot
     * layer uses it for the proactive status messages.
     */
    conversationRef: z.record(z.string(), z.unknown()).optional(),
    /** Whoever filed it: only this user or conversation may read it back from the bot. */
    userId: text(500),
    conversationId: text(500),
  })
  .strict();
export type QuoteRequestDraft = z.input<typeof quoteRequestDraftSchema>;

export const quoteRequestSchema = quoteRequestDraftSchema.extend({
  /**
   * Who filed it, in the chat. Both are dropped, with the conversation reference, when the user
   * asks the bot to delete their data: the request stays a business record, linked to nobody.
   */
  userId: text(500).optional(),
  conversationId: text(500).optional(),
  /** When the link to the chat user was dropped ("delete my data"). */
  unlinkedAt: isoDateTime.optional(),
  id: quoteRefSchema,
  idempotencyKey: text(300),
  status: quoteStatusSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Oldest first; the first entry is the filing (`submitted`). */
  history: z.array(historyEntrySchema).min(1),
});
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
