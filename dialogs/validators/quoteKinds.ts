import { z } from 'zod';
import { fromRoot } from '../../bot/paths.js';
import { deploymentSchema, type Deployment } from '../../knowledge/catalogSchema.js';
import { loadJsonFile } from '../../knowledge/nlu/loadData.js';
import { QUOTE_KINDS, quoteKindSchema, slotNameSchema, type QuoteKind, type SlotName, type SlotValues } from '../../knowledge/quoteTypes.js';

/** Which slots each quote kind needs, from knowledge/quoteKinds.json (data, zod-checked). */

const requirementSchema = z.union([slotNameSchema, z.array(slotNameSchema).min(2)]);
const kindSpecSchema = z.object({
  deployment: deploymentSchema,
  required: z.array(requirementSchema).min(1),
  optional: z.array(slotNameSchema),
  /** Optional slots the summary says are missing (quoteDialog:summary.remind.<slot>): not asked, not forgotten. */
  remind: z.array(slotNameSchema).optional(),
  prompts: z.partialRecord(slotNameSchema, z.string().regex(/^ask\.[A-Za-z]+$/)).optional(),
  labels: z.partialRecord(slotNameSchema, z.string().regex(/^label\.[A-Za-z]+$/)).optional(),
  /** A value taken when nothing was said (a DC renewal's 1 year of maintenance), said before the summary. */
  defaults: z.partialRecord(slotNameSchema, z.union([z.number(), z.string().min(1)])).optional(),
  /** Slots not asked whose absence is said before the summary and written in the notes (a cloud renewal's tier). */
  whenMissing: z.array(slotNameSchema).optional(),
});
export const quoteKindsSchema = z.object({
  $comment: z.string().optional(),
  kinds: z.record(quoteKindSchema, kindSpecSchema).refine((k) => QUOTE_KINDS.every((kind) => kind in k), 'every quote kind must be described'),
});
export type KindSpec = z.infer<typeof kindSpecSchema>;
/** A required entry: one slot, or alternatives of which one is enough. */
export type Requirement = z.infer<typeof requirementSchema>;

let cached: z.infer<typeof quoteKindsSchema> | undefined;

export function loadQuoteKinds(file = fromRoot('knowledge', 'quoteKinds.json')): z.infer<typeof quoteKindsSchema> {
  if (file !== fromRoot('knowledge', 'quoteKinds.json')) return loadJsonFile(file, quoteKindsSchema);
  cached ??= loadJsonFile(file, quoteKindsSchema);
  return cached;
}

export function kindSpec(kind: QuoteKind): KindSpec {
  const spec = loadQuoteKinds().kinds[kind];
  if (!spec) throw new Error(`knowledge/quoteKinds.json: no entry for kind "${kind}"`);
  return spec;
}

export const deploymentOf = (kind: QuoteKind): Deployment => kindSpec(kind).deployment;

const isFilled = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * Required slots still empty, in asking order. For alternatives ("site URL or SEN") only the
 * first is listed, and only while none of them is filled.
 */
export function missingSlots(kind: QuoteKind, filled: Partial<Record<SlotName, unknown>>): SlotName[] {
  return kindSpec(kind).required.flatMap((req): SlotName[] => {
    const options = Array.isArray(req) ? req : [req];
    return options.some((slot) => isFilled(filled[slot])) ? [] : [options[0] as SlotName];
  });
}

/** The next slot to ask, or undefined when the request can go to the summary. */
export const nextSlot = (kind: QuoteKind, filled: Partial<Record<SlotName, unknown>>): SlotName | undefined =>
  missingSlots(kind, filled)[0];

/** Every slot the kind can hold (required, alternatives, optional), for the summary and edits. */
export function slotsOf(kind: QuoteKind): SlotName[] {
  const spec = kindSpec(kind);
  return [...new Set([...spec.required.flat(), ...spec.optional])];
}

/** The kind's reminded slots (`remind`) still empty: the summary names them, with how to add them. */
export function remindedSlots(kind: QuoteKind, filled: Partial<Record<SlotName, unknown>>): SlotName[] {
  return (kindSpec(kind).remind ?? []).filter((slot) => !isFilled(filled[slot]));
}

/** The i18n key of the prompt for a slot in this kind ("quote:ask.billingAddressBoth" for cloud-new). */
export const promptKey = (kind: QuoteKind, slot: SlotName): string => `quote:${kindSpec(kind).prompts?.[slot] ?? `ask.${slot}`}`;

/** The i18n key of a slot's label in this kind ("quote:label.billingAddresses" for cloud-new). */
export const labelKey = (kind: QuoteKind, slot: SlotName): string => `quote:${kindSpec(kind).labels?.[slot] ?? `label.${slot}`}`;

/** What a field means (`quote:explain.*`), named like the kind's prompt for it. */
export const explainKey = (kind: QuoteKind, slot: SlotName): string => promptKey(kind, slot).replace(':ask.', ':explain.');

/** The kind's defaults for the slots still empty (knowledge/quoteKinds.json `defaults`). */
export function defaultsFor(kind: QuoteKind, filled: Partial<Record<SlotName, unknown>>): Partial<SlotValues> {
  const defaults = kindSpec(kind).defaults ?? {};
  // The data file holds plain numbers and strings; the slots with defaults (maintenanceYears) take those as they are.
  return Object.fromEntries(Object.entries(defaults).filter(([slot]) => !isFilled(filled[slot as SlotName]))) as Partial<SlotValues>;
}

/** The kind's `whenMissing` slots still empty: said before the summary, noted as such. */
export const unsaidSlots = (kind: QuoteKind, filled: Partial<Record<SlotName, unknown>>): SlotName[] =>
  (kindSpec(kind).whenMissing ?? []).filter((slot) => !isFilled(filled[slot]));
