import type { Lang } from '../../knowledge/lang.js';
import type { SlotName, SlotValues } from '../../knowledge/quoteTypes.js';
import { validateEdition } from './edition.js';
import { validateEmail } from './email.js';
import { validateBillingAddress, validateNotes, validateOrganization, validatePersonName } from './freeText.js';
import { validateMaintenanceYears } from './maintenanceYears.js';
import { validatePaymentPreference } from './paymentPreference.js';
import { validateProduct } from './product.js';
import { invalidKey, type ValidationContext, type ValidationResult } from './result.js';
import { validateSen } from './sen.js';
import { validateSiteUrl } from './siteUrl.js';
import { validateTargetDate } from './targetDate.js';
import { validateTier } from './tier.js';
import { validateConfirm } from './yesNo.js';

/** One validator per slot, so a dialog can validate any prompt by its slot name. */
export type SlotValidator<S extends SlotName> = (text: string, lang: Lang, ctx?: ValidationContext) => ValidationResult<SlotValues[S]>;

export const SLOT_VALIDATORS: { [S in SlotName]: SlotValidator<S> } = {
  resellerName: validatePersonName,
  resellerEmail: validateEmail,
  resellerCompany: validateOrganization,
  billingAddress: validateBillingAddress,
  endUserName: validatePersonName,
  endUserEmail: validateEmail,
  endUserOrganization: validateOrganization,
  authorizedContactName: validatePersonName,
  authorizedContactEmail: validateEmail,
  technicalContactName: validatePersonName,
  technicalContactEmail: validateEmail,
  siteUrl: validateSiteUrl,
  sen: validateSen,
  product: validateProduct,
  tier: validateTier,
  edition: validateEdition,
  maintenanceYears: validateMaintenanceYears,
  targetDate: validateTargetDate,
  paymentPreference: validatePaymentPreference,
  notes: validateNotes,
  confirm: validateConfirm,
};

/** Shared validators answer with a generic key; the re-prompt names the slot instead. */
const GENERIC_REASONS = new Set(['email', 'personName', 'organization'].map(invalidKey));

/**
 * Validate the answer to the prompt for `slot`. An invalid answer's `reason` is a
 * `quote:invalid.*` key saying what is expected, in terms of that slot.
 */
export function validateSlot<S extends SlotName>(slot: S, text: string, lang: Lang, ctx: ValidationContext = {}): ValidationResult<SlotValues[S]> {
  const validator = SLOT_VALIDATORS[slot] as SlotValidator<S>;
  const result = validator(text, lang, ctx);
  if (!result.ok && GENERIC_REASONS.has(result.reason)) return { ...result, reason: invalidKey(slot) };
  return result;
}
