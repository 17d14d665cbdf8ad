import type { Lang } from '../../knowledge/lang.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';
import { getProduct } from '../../knowledge/catalog.js';
import { checkAnnualCloudOnly, checkCotermRenewalsOnly, checkServerEndOfSale, deploymentOf, detectQuoteIntent, extractQuoteSlots, slotsOf, toTier, type Message } from '../validators/index.js';
import { laterSlots } from '../validators/extractSlots.js';
import { findOpeningFacts } from '../validators/openingFacts.js';
import { editionsPerProduct, fitItemTiers, sensPerProduct, tiersPerProduct } from './orderItems.js';
import type { FilledSlots, KindMenu, QuoteDraft } from './quoteDraft.js';
import { looksLikeQuestion } from '../../knowledge/language/question.js';
import { allLangs, dateWords, findAlias, foldText, quoteIntentWords } from '../../knowledge/nlu/index.js';
import { licenceTypes } from './slotAnswer.js';
import { readPaymentAnswer } from './paymentAnswer.js';

/**
 * "can you prepare the renewal quote?", "vous pouvez me préparer le devis ?", "麻烦帮我们出个报价":
 * a request worded as a question. "How do I get a renewal quote?" stays a question for the FAQ.
 */
export function isPoliteRequest(text: string, lang: Lang): boolean {
  const folded = foldText(text);
  const w = quoteIntentWords();
  const said = (list: readonly string[]) => list.some((x) => findAlias(folded, foldText(x)).length > 0);
  return said(allLangs(w.politeRequest, lang)) && !said(allLangs(w.howTo, lang));
}

const saidIn = (text: string, list: readonly string[]) => {
  const folded = foldText(text);
  return list.some((x) => findAlias(folded, foldText(x)).length > 0);
};

/** "…de 500 a 1000 users, je fais comment", "DC从500人升到1000人 在表单哪个tab操作": how-to words anywhere. */
function asksHow(text: string, lang: Lang): boolean {
  return saidIn(text, allLangs(quoteIntentWords().howTo, lang));
}

/** "how do I…", "comment…", "怎么…": the message asks for the steps, not for the request. */
export function asksForSteps(text: string, lang: Lang): boolean {
  return saidIn(text, allLangs(quoteIntentWords().howToSteps, lang));
}

/** A quote named outside a how-to: "a quote for 730 users", not "how do I get a quote". */
function asksForQuote(text: string, lang: Lang): boolean {
  return saidIn(text, allLangs(quoteIntentWords().quote, lang)) && !asksHow(text, lang);
}

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
 * The slots a sentence gave, checked again once the kind is known: products the kind's deployment
 * does not sell are dropped with the reason, and the user count is rounded to that deployment's
 * tiers with a notice (50 users said before "Data Center" was chosen → its smallest tier, 500).
 */
export function fitSlotsToKind(kind: QuoteKind, given: FilledSlots): { slots: FilledSlots; notices: Message[] } {
  const deployment = deploymentOf(kind);
  const slots = slotsForKind(kind, given);
  const notices: Message[] = [];
  if (slots.product) {
    const sold = slots.product.filter((id) => {
      const product = getProduct(id);
      if (!product || product.deployments.includes(deployment)) return true;
      notices.push({ key: 'quote:invalid.productDeployment', params: { product: product.name, deployment } });
      return false;
    });
    if (sold.length > 0) slots.product = sold;
    else delete slots.product;
  }
  if (slots.tier !== undefined) {
    const tier = toTier(slots.tier, { deployment, ...(slots.product?.[0] && { productId: slots.product[0] }) });
    if (tier.ok) {
      slots.tier = tier.value;
      if (tier.notice && tier.value !== given.tier) notices.push(tier.notice);
    }
  }
  return { slots, notices };
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
  // Years and dates never decide it (and the date model is the slowest): read once it is a request.
  const extracted = extractQuoteSlots(text, lang, { now, laterSlots: false });
  const { intent } = extracted;
  if (!intent.isQuote) return undefined;
  const s = extracted.slots;
  // "le co-term c'est possible ? j'ai 3 licences DC…": a question mark before the context counts too.
  const question = looksLikeQuestion(text) || /[?？]/u.test(text) || asksHow(text, lang);
  // A user count is the data of a request, or of a question that asks for a quote ("can I get a
  // quote for 730 users?"); in a question about how things work ("800 users… can they still renew
  // Server? 请问怎么处理？") it is the customer's situation, and the FAQ answers.
  const countIsData = s.tier !== undefined && (!question || asksForQuote(text, lang));
  const hasData = Boolean(s.sen?.length || s.siteUrl || countIsData || extracted.unassigned.emails.length);
  if (!hasData && question && !(extracted.kind && isPoliteRequest(text, lang))) return undefined;
  // "how do I co-term SEN-… and SEN-…?": SENs are the situation of a question for the steps; the
  // FAQ answers it and offers the request with those SENs (faqResponder.sensButton).
  if (question && asksForSteps(text, lang) && !s.siteUrl && !countIsData && extracted.unassigned.emails.length === 0 && !isPoliteRequest(text, lang)) return undefined;
  Object.assign(s, laterSlots(text, lang, intent, now));

  const notices: Message[] = [...extracted.notices];
  let kind: QuoteKind | undefined = extracted.kind;
  let menu: KindMenu = intent.action === 'renewal' || intent.action === 'upgrade' || intent.action === 'new' ? intent.action : 'all';
  let slots: FilledSlots = { ...s };
  // "pay by card in AUD", "Net 30": the payment prompt states the rule, so that choice is asked there.
  if (slots.paymentPreference && readPaymentAnswer(text, lang, intent.deployment === 'server' ? 'data-center' : intent.deployment).kind !== 'none') delete slots.paymentPreference;

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
  const facts = [...extracted.facts, ...findOpeningFacts(text, lang, { ...(intent.action && { action: intent.action }), ...(kind && { kind }), ...(intent.deployment && { deployment: intent.deployment }), counts: extracted.counts, ...(extracted.count && { target: extracted.count }), now })];
  // "devis … pour le 15 janvier" outside a co-term: that date is when the quote is needed (kept as the deadline), not a co-term date.
  if (kind !== 'coterm' && intent.action !== 'coterm' && facts.some((f) => f.key === 'quoteDialog:opening.deadline')) delete slots.targetDate;
  const deployment = kind ? deploymentOf(kind) : intent.deployment === 'server' ? undefined : intent.deployment;
  // "renews 1 Mar 2027", "maint ends 31/08/2027" outside a co-term: the current renewal or maintenance end, a fact of the notes.
  if (kind !== 'coterm' && intent.action !== 'coterm' && slots.targetDate && !facts.some((f) => f.key === 'quoteDialog:opening.currentEnd') && saysCurrentEnd(text, lang)) {
    facts.push({ key: deployment === 'cloud' ? 'quoteDialog:opening.renewalDate' : 'quoteDialog:opening.maintenanceEnd', params: { date: slots.targetDate } });
    delete slots.targetDate;
  }
  // "Jira 200 users and JSM 30 agents": each product's tier rounded to its own tiers, said once in its unit.
  const items = fitItemTiers(tiersPerProduct(text, lang), deployment);
  if (Object.keys(items.tiers).length > 0) notices.splice(0, notices.length, ...notices.filter((n) => !/notice\.tier/u.test(n.key)), ...items.notices);
  // Slots the kind has no field for stay: the entry dialog fits the rest to the kind and keeps these in the notes.
  return {
    facts,
    ...(extracted.contact && { contact: extracted.contact }),
    ...(extracted.tentative && { tentative: extracted.tentative }),
    ...(kind && { kind }),
    menu,
    ...(intent.deployment && intent.deployment !== 'server' && { deployment: intent.deployment }),
    // Resellers buy annual cloud only: a monthly request goes on as an annual quote.
    ...(intent.billingCycle && { billingCycle: 'annual' as const }),
    slots,
    itemTiers: items.tiers,
    itemSens: sensPerProduct(text),
    itemEditions: editionsPerProduct(text, deployment),
    notices,
  };
}

/** A current end or renewal word and no co-term target word: the date said is when the licence ends now. */
function saysCurrentEnd(text: string, lang: Lang): boolean {
  const folded = foldText(text);
  const w = dateWords();
  const has = (list: readonly string[]) => list.some((x) => findAlias(folded, foldText(x)).length > 0);
  return has([...allLangs(w.currentEndCues, lang), ...allLangs(w.renewalDateCues, lang)]) && !has(allLangs(w.targetCues, lang));
}
