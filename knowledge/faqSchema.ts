import { z } from 'zod';

/** The 24 topic ids fixed by the shared topic list; evaluation files refer to them. */
export const FAQ_IDS = [
  'reseller-program', 'order-new-license', 'renew-upgrade-license', 'manual-review',
  'order-tracking', 'distributor', 'coterm-maintenance', 'cloud-quote-new',
  'cloud-quote-existing', 'cloud-renew-upgrade', 'license-key-access', 'pricing',
  'reseller-discount', 'discounts', 'academic-pricing', 'pay-invoice', 'payment-methods',
  'license-delivery', 'refund-policy', 'tax-vat', 'self-managed-licensing',
  'software-maintenance', 'technical-support', 'server-end-of-life',
] as const;
export type FaqId = (typeof FAQ_IDS)[number];

/** Actions the bot turns into buttons; kept as plain ids so the domain never knows about cards. */
export const FAQ_ACTIONS = [
  'quote.cloud-new', 'quote.cloud-existing', 'quote.dc-new', 'quote.dc-renewal', 'quote.coterm', 'handoff',
] as const;

const nonEmpty = z.string().trim().min(1);

const localizedSchema = z.strictObject({
  title: nonEmpty,
  /** Example questions: at least 30, a third of them long scenario-style messages. */
  questions: z.array(nonEmpty).min(30),
  /** Markdown answer in our own words. */
  answer: nonEmpty,
});

/**
 * What separates sibling topics, as the glossary's facet concepts name it: a question about a
 * cloud site does not want a Data Center answer. A dimension left out means "any".
 */
export const FACET_VALUES = {
  deployment: ['cloud', 'datacenter', 'server', 'selfmanaged'],
  lifecycle: ['new', 'existing', 'renew', 'upgrade'],
  actor: ['reseller', 'customer'],
  object: ['licensekey', 'delivery', 'order', 'invoice', 'quote', 'refund'],
} as const;
export type FacetDimension = keyof typeof FACET_VALUES;

const facetsSchema = z.strictObject({
  deployment: z.array(z.enum(FACET_VALUES.deployment)).min(1).optional(),
  lifecycle: z.array(z.enum(FACET_VALUES.lifecycle)).min(1).optional(),
  actor: z.array(z.enum(FACET_VALUES.actor)).min(1).optional(),
  object: z.array(z.enum(FACET_VALUES.object)).min(1).optional(),
});

export const faqEntrySchema = z.strictObject({
  id: z.enum(FAQ_IDS),
  category: z.enum(['ordering', 'pricing-payment', 'licensing']),
  appliesTo: z.array(z.enum(['cloud', 'data-center', 'server', 'all'])).min(1),
  reviewed: z.iso.date(),
  source: nonEmpty,
  followUps: z.array(z.union([z.enum(FAQ_IDS), z.enum(FAQ_ACTIONS)])),
  facets: facetsSchema,
  en: localizedSchema,
  fr: localizedSchema,
  zh: localizedSchema,
});

export type FaqEntry = z.infer<typeof faqEntrySchema>;
export type FaqLocalized = z.infer<typeof localizedSchema>;
