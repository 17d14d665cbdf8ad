import { checkNeedsPerson } from '../validators/index.js';
import { alignAddOnTiers, fitTierToProduct } from './orderItems.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import type { QuoteDraft } from './quoteDraft.js';
import { QuoteFlowDialog, type RuleCheck } from './quoteFlowDialog.js';

export const CLOUD_QUOTE_DIALOG = 'quote.cloud';

/**
 * Cloud requests: new subscription, existing site, renewal, upgrade. Annual only (refused at the
 * entry when "monthly" is asked); add-ons take their base product's tier; Enterprise and tiers
 * above the catalog are prepared by a person (the summary offers an advocate).
 */
export class CloudQuoteDialog extends QuoteFlowDialog {
  constructor(deps: QuoteDialogDeps) {
    super(CLOUD_QUOTE_DIALOG, deps);
  }

  protected override checkRules(input: QuoteDraft): RuleCheck {
    const fitted = fitTierToProduct(input);
    const { draft, violation } = alignAddOnTiers(fitted.draft);
    const { product, tier, edition } = draft.slots;
    const person = checkNeedsPerson({ deployment: 'cloud', ...(product && { product }), ...(tier !== undefined && { tier }), ...(edition && { edition }) });
    return { draft, messages: [fitted.notice, violation, person].filter((v) => v !== undefined), offerAdvocate: person !== undefined };
  }
}
