/**
 * The quote-request domain used by the guided quote dialogs: pure functions, no botbuilder.
 * Validators return i18n keys in the `quote` namespace (locales/<lng>/quote.json).
 */
export * from './result.js';
export { warmUpRecognizers } from './recognizers.js';
export { normalizeInput, stripEndPunctuation } from './normalize.js';
export { validateEmail, findEmails } from './email.js';
export { validatePersonName, validateOrganization, validateBillingAddress, validateNotes, stripIntro } from './freeText.js';
export { isPlausiblePersonName, isPlausibleOrganization, isPlausibleAddress, isDontKnow, isQuestionLike, holdsOtherValue } from './plausible.js';
export { validateSen, findSens, type SenMatch } from './sen.js';
export { validateSiteUrl, findSiteUrl, siteUrlOf } from './siteUrl.js';
export { validateProduct } from './product.js';
export { validateTier, toTier } from './tier.js';
export { findUserCounts, pickUserCount, withoutListMarkers, type CountCandidate } from './userCount.js';
export { validateEdition, findEditions } from './edition.js';
export { validateMaintenanceYears, findMaintenanceYears, yearsOutOfRange } from './maintenanceYears.js';
export { validateTargetDate, findDate, mayContainDate } from './targetDate.js';
export { validatePaymentPreference, type PaymentPreference } from './paymentPreference.js';
export { validateYesNo, validateConfirm, isListedConfirmAnswer, type ConfirmChoice } from './yesNo.js';
export { SLOT_VALIDATORS, validateSlot, type SlotValidator } from './slotValidators.js';
export { detectQuoteIntent, isNewWord, type QuoteIntent, type QuoteAction } from './quoteIntent.js';
export { extractQuoteSlots, emailRoleBefore, filledSlotNames, type ExtractedQuote, type ExtractOptions } from './extractSlots.js';
export { loadQuoteKinds, kindSpec, deploymentOf, missingSlots, nextSlot, remindedSlots, defaultsFor, unsaidSlots, slotsOf, promptKey, labelKey, explainKey, type KindSpec } from './quoteKinds.js';
export * from './quoteRules.js';
