import { z } from 'zod';

/** Zod schema of knowledge/catalog.json: bad data must stop start-up, not reach a reseller. */

export const DEPLOYMENTS = ['cloud', 'data-center', 'server'] as const;
export const deploymentSchema = z.enum(DEPLOYMENTS);
export type Deployment = z.infer<typeof deploymentSchema>;

const localizedNameSchema = z.object({ en: z.string().min(1), fr: z.string().min(1), zh: z.string().min(1) });
const tierListSchema = z
  .array(z.number().int().positive())
  .refine((tiers) => tiers.every((t, i) => i === 0 || t > (tiers[i - 1] ?? 0)), 'tiers must be strictly ascending');
const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const billingCycleSchema = z.enum(['monthly', 'annual']);

export const editionSchema = z.object({
  id: z.string().min(1),
  names: localizedNameSchema,
  /** Lower-case words people type for this edition, in any language. */
  aliases: z.array(z.string().min(1)).min(1),
  /** Enterprise-type editions go to a person (handoff) rather than the form. */
  needsPerson: z.boolean().optional(),
});

export const deploymentInfoSchema = z.object({
  /** How the deployment is named in each language ("云版"), for messages such as "palier Data Center". */
  names: z.object({ en: z.string().min(1), fr: z.string().min(1), zh: z.string().min(1) }),
  sellable: z.boolean(),
  endOfSale: isoDateSchema.optional(),
  endOfSupport: isoDateSchema.optional(),
  editions: z.array(editionSchema),
  tiers: tierListSchema,
  aboveTopTier: z.literal('needsPerson').optional(),
  maintenanceYears: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).optional(),
  billing: z.object({ resellerCycles: z.array(billingCycleSchema), customerCycles: z.array(billingCycleSchema) }),
});

export const productSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case id with dashes'),
  name: z.string().min(1),
  deployments: z.array(deploymentSchema).min(1),
  /** Lower-case names people really type (JSM, Jira Service Desk…); matched on word boundaries. */
  aliases: z.array(z.string().min(1)).min(1),
  /** Product-specific tiers (agents for JSM, remote agents for Bamboo); else the deployment's. */
  tiers: z.partialRecord(deploymentSchema, tierListSchema).optional(),
  tierUnit: z.enum(['users', 'agents', 'remoteAgents']).optional(),
  /** Marketplace app: its user tier must equal the tier of this base product. */
  addOnOf: z.string().optional(),
  vendor: z.string().optional(),
});

export const catalogSchema = z
  .object({
    $comment: z.string().optional(),
    deployments: z.object({ cloud: deploymentInfoSchema, 'data-center': deploymentInfoSchema, server: deploymentInfoSchema }),
    products: z.array(productSchema).min(1),
    payment: z.object({
      net30MinimumUsd: z.number().positive(),
      net30Deployments: z.array(deploymentSchema),
      noCardCurrencies: z.array(z.string().length(3)),
      noCheckCurrencies: z.array(z.string().length(3)),
      monthlyCloudCardOnly: z.boolean(),
    }),
    coterm: z.object({ minRenewalMonths: z.number().int().positive(), maxMonthsAhead: z.number().int().positive() }),
    needsPersonAboveUsers: z.number().int().positive(),
  })
  .superRefine((catalog, ctx) => {
    const ids = new Set(catalog.products.map((p) => p.id));
    catalog.products.forEach((p, i) => {
      if (p.addOnOf !== undefined && !ids.has(p.addOnOf)) {
        ctx.addIssue({ code: 'custom', path: ['products', i, 'addOnOf'], message: `unknown base product "${p.addOnOf}"` });
      }
    });
  });

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogProduct = z.infer<typeof productSchema>;
export type CatalogEdition = z.infer<typeof editionSchema>;
