import { checkNeedsPerson } from '../validators/index.js';
import { alignAddOnTiers, fitTierToProduct } from './orderItems.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import type { QuoteDraft } from './quoteDraft.js';
import { QuoteFlowDialog, type RuleCheck } from './quoteFlowDialog.js';

export const DATA_CENTER_QUOTE_DIALOG = 'quote.dataCenter';

/**
 * Data Center requests: new license, renewal, upgrade. Add-ons take their base product's tier;
 * more users than the top tier are quoted by a person. (New Server licenses are refused at the
 * entry; Net-30 and AUD payment rules are read at the payment prompt.)
 */
export class DataCenterQuoteDialog extends QuoteFlowDialog {
  constructor(deps: QuoteDialogDeps) {
    super(DATA_CENTER_QUOTE_DIALOG, deps);
  }

  protected override checkRules(input: QuoteDraft): RuleCheck {
    const fitted = fitTierToProduct(input);
    const { draft, violation } = alignAddOnTiers(fitted.draft);
    const { product, tier } = draft.slots;
    const person = checkNeedsPerson({ deployment: 'data-center', ...(product && { product }), ...(tier !== undefined && { tier }) });
    return { draft, messages: [fitted.notice, violation, person].filter((v) => v !== undefined), offerAdvocate: person !== undefined };
  }
}
