import { z } from 'zod';
import type { Deployment } from '../../knowledge/catalogSchema.js';
import { quoteKindSchema, slotNameSchema, type QuoteKind, type SlotName, type SlotValues } from '../../knowledge/quoteTypes.js';
import { deploymentOf } from '../validators/index.js';

/**
 * What a quote dialog has collected so far. It lives in the persisted dialog state (so a
 * restart resumes where the user was): plain JSON only, checked by zod when a dialog starts.
 */

const slotValuesSchema = z
  .object({
    resellerName: z.string(),
    resellerEmail: z.string(),
    resellerCompany: z.string(),
    billingAddress: z.string(),
    endUserName: z.string(),
    endUserEmail: z.string(),
    endUserOrganization: z.string(),
    authorizedContactName: z.string(),
    authorizedContactEmail: z.string(),
    technicalContactName: z.string(),
    technicalContactEmail: z.string(),
    siteUrl: z.string(),
    sen: z.array(z.string()),
    product: z.array(z.string()),
    tier: z.number(),
    edition: z.string(),
    maintenanceYears: z.number(),
    targetDate: z.string(),
    paymentPreference: z.enum(['card', 'quote']),
    notes: z.string(),
    confirm: z.enum(['confirm', 'edit', 'cancel']),
  })
  .partial();

/** Which kinds the kind question offers: all, the "Renew or upgrade" menu's, instead of Server, or those of one action. */
export const kindMenuSchema = z.enum(['all', 'renew', 'instead-of-server', 'renewal', 'upgrade', 'new']);
export type KindMenu = z.infer<typeof kindMenuSchema>;

export const quoteDraftSchema = z.object({
  /** Random per dialog run: part of the filing idempotency key (a new request gets a new one). */
  id: z.string().min(8),
  kind: quoteKindSchema.optional(),
  menu: kindMenuSchema.default('all'),
  /** The deployment the user named ("server" is refused at the entry). */
  deployment: z.enum(['cloud', 'data-center', 'server']).optional(),
  billingCycle: z.enum(['monthly', 'annual']).optional(),
  slots: slotValuesSchema.default({}),
  /** A per-product tier when an add-on was aligned to its base product. */
  itemTiers: z.record(z.string(), z.number()).default({}),
  /** A per-product edition when the user gave two products two editions ("Jira Premium and Bitbucket Standard"). */
  itemEditions: z.record(z.string(), z.string()).default({}),
  /** The SEN the user paired with a product ("le SEN de Confluence c'est SEN-…"). */
  itemSens: z.record(z.string(), z.string()).default({}),
  /** Net-30 terms accepted for an order of USD 10,000 or more. */
  net30: z.boolean().default(false),
  /** Rules whose handoff offer was already shown, so an edit does not repeat it. */
  offered: z.array(z.string()).default([]),
  /** Reasons to show once when the dialog starts (rules the opening sentence broke). */
  notices: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })).default([]),
  /**
   * Facts of the opening sentence no slot holds (deadline, current tier, current end dates…):
   * kept structured for the whole form and worded into the notes in the language of each
   * summary and of the filing (a language switch rewords them; the user's own remarks stay in
   * `slots.notes`, so editing the notes never erases them).
   */
  facts: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })).default([]),
  /** What the opening gave that the kind has no field for ("2000 users" in a DC renewal): worded into the notes like `facts`. */
  unheld: slotValuesSchema.default({}),
  /**
   * Slots the opening filled from a name read without its role phrase ("客户海川电子要新买…"):
   * kept where the kind has the slot optional (renewals, upgrades: never asked), asked anyway
   * where the kind requires it, since the licence wants the full legal name ("海川电子股份有限公司").
   */
  tentative: z.array(slotNameSchema).default([]),
  /** A customer contact named without a role ("contact Marc Baudin"): given to the kind's customer contact field. */
  contact: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
  /** Slots in the order the user answered them (corrections aim at the last one given). */
  answered: z.array(slotNameSchema).default([]),
  /** The user's last message in this form and the slot it was asked for: a double tap repeats it at the next prompt. */
  lastInput: z.object({ text: z.string().max(500), slot: slotNameSchema, at: z.number().optional() }).optional(),
  /** The slot being re-asked from the summary's "Edit a field". */
  editing: slotNameSchema.optional(),
});
export type QuoteDraft = z.infer<typeof quoteDraftSchema>;
export type FilledSlots = Partial<SlotValues>;

/** A draft from whatever a route or a test passed (unknown fields dropped, defaults set). */
export function toDraft(options: unknown): QuoteDraft {
  const given = typeof options === 'object' && options !== null ? options : {};
  return quoteDraftSchema.parse({ id: newDraftId(), ...given });
}

export function newDraftId(): string {
  return crypto.randomUUID();
}

export function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** The deployment the validators should assume: the kind's, else what the user named. */
export function deploymentFor(draft: QuoteDraft): Deployment | undefined {
  if (draft.kind) return deploymentOf(draft.kind);
  return draft.deployment === 'server' ? 'data-center' : draft.deployment;
}

export const requireKind = (draft: QuoteDraft): QuoteKind => {
  if (!draft.kind) throw new Error('quote draft: no kind chosen yet');
  return draft.kind;
};

export const filledSlotNames = (slots: FilledSlots): SlotName[] =>
  (Object.keys(slots) as SlotName[]).filter((s) => isFilled(slots[s]));
