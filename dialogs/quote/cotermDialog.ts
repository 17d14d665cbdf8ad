import { checkCotermTargetDate } from '../validators/index.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import type { QuoteDraft } from './quoteDraft.js';
import { QuoteFlowDialog, type RuleCheck } from './quoteFlowDialog.js';

export const COTERM_DIALOG = 'quote.coterm';

/**
 * Co-term (harmonisation des échéances, 条款关联): the SENs to align and the common end date.
 * Only maintenance renewals can be co-termed (new or upgraded SENs are refused at the SEN
 * prompt and in the opening sentence); the end date must be in the future. Whether one license
 * renews for at least 12 months needs the licenses' current end dates, which only the manual
 * review has: the filing message says every co-term is reviewed by a person.
 */
export class CotermDialog extends QuoteFlowDialog {
  constructor(deps: QuoteDialogDeps) {
    super(COTERM_DIALOG, deps);
  }

  protected override checkRules(draft: QuoteDraft): RuleCheck {
    const { sen = [], targetDate } = draft.slots;
    const now = this.deps.now?.() ?? new Date();
    const violation = targetDate ? checkCotermTargetDate(targetDate, sen.map((s) => ({ sen: s, type: 'renewal' as const })), now) : undefined;
    if (!violation) return { draft, messages: [] };
    // The date is asked again: the flow goes back to the missing slot.
    const { targetDate: _past, ...slots } = draft.slots;
    return { draft: { ...draft, slots }, messages: [violation] };
  }
}
