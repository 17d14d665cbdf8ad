import type { Lang } from '../../knowledge/lang.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';
import { checkAnnualCloudOnly, checkCotermRenewalsOnly, checkServerEndOfSale, detectQuoteIntent, extractQuoteSlots, slotsOf, type Message } from '../validators/index.js';
import { tiersPerProduct } from './orderItems.js';
import type { FilledSlots, KindMenu, QuoteDraft } from './quoteDraft.js';
import { looksLikeQuestion } from '../../knowledge/language/question.js';
import { licenceTypes } from './slotAnswer.js';

/** What the route hands the entry dialog: the kind if known, the slots already given, rule notices. */
export type QuoteEntryOptions = Partial<Omit<QuoteDraft, 'id'>>;

/** The kinds the kind question offers for each menu. */
export const KIND_MENUS: Record<KindMenu, QuoteKind[]> = {
  all: ['cloud-new', 'cloud-existing', 'cloud-renewal', 'cloud-upgrade', 'dc-new', 'dc-renewal', 'dc-upgrade', 'coterm'],
  renew: ['cloud-renewal', 'cloud-upgrade', 'dc-renewal', 'dc-upgrade', 'coterm'],
  'instead-of-server': ['dc-new', 'cloud-new', 'cloud-existing'],
  renewal: ['cloud-renewal', 'dc-renewal', 'coterm'],
  upgrade: ['cloud-upgrade', 'dc-upgrade'],
  new: ['cloud-new', 'dc-new', 'cloud-existing'],
};

/** Only the slots the kind holds (a co-term has no user tier, whatever "deux licences" looked like). */
export function slotsForKind(kind: QuoteKind, slots: FilledSlots): FilledSlots {
  const allowed = new Set(slotsOf(kind));
  return Object.fromEntries(Object.entries(slots).filter(([name]) => allowed.has(name as never))) as FilledSlots;
}

/**
 * Free text that asks for a quote ("je voudrais un devis Confluence Data Center pour 2000
 * utilisateurs", "续订 SEN-L1234567") → the entry options, with every slot the sentence gave.
 * A question about how quotes work ("how do I renew a license?") is left to the FAQ unless it
 * carries request data.
 */
export function detectQuoteRequest(text: string, lang: Lang, now = new Date()): QuoteEntryOptions | undefined {
  // Keyword test first: the number and date recognizers in extractQuoteSlots cost
  // milliseconds, and every FAQ question passes through here.
  if (!detectQuoteIntent(text, lang).isQuote) return undefined;
  const extracted = extractQuoteSlots(text, lang, { now });
  const { intent } = extracted;
  if (!intent.isQuote) return undefined;
  const s = extracted.slots;
  const hasData = Boolean(s.sen?.length || s.siteUrl || s.tier || extracted.unassigned.emails.length);
  if (!hasData && looksLikeQuestion(text)) return undefined;

  const notices: Message[] = [];
  let kind: QuoteKind | undefined = extracted.kind;
  let menu: KindMenu = intent.action === 'renewal' || intent.action === 'upgrade' || intent.action === 'new' ? intent.action : 'all';
  let slots: FilledSlots = { ...s };

  const server = checkServerEndOfSale(intent);
  if (server) {
    notices.push(server);
    kind = undefined;
    menu = 'instead-of-server';
  }
  const monthly = checkAnnualCloudOnly(intent);
  if (monthly) notices.push(monthly);
  if (kind === 'coterm') {
    const licences = licenceTypes(text);
    const refused = checkCotermRenewalsOnly(licences);
    if (refused) {
      notices.push(refused);
      const renewals = new Set(licences.filter((l) => l.type === 'renewal').map((l) => l.sen));
      slots = { ...slots, sen: (slots.sen ?? []).filter((sen) => renewals.has(sen)) };
    }
  }
  if (kind) slots = slotsForKind(kind, slots);
  return {
    ...(kind && { kind }),
    menu,
    ...(intent.deployment && intent.deployment !== 'server' && { deployment: intent.deployment }),
    // Resellers buy annual cloud only: a monthly request goes on as an annual quote.
    ...(intent.billingCycle && { billingCycle: 'annual' as const }),
    slots,
    itemTiers: tiersPerProduct(text, lang),
    notices,
  };
}
