import { CardFactory, type Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import { editionsFor, getProduct } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { SLOT_NAMES, type QuoteKind, type SlotName } from '../../knowledge/quoteTypes.js';
import { deploymentOf, labelKey, remindedSlots, slotsOf } from '../validators/index.js';
import { fillTemplate, loadCardTemplate } from './cardTemplate.js';
import { draftItems } from './orderItems.js';
import { isFilled, requireKind, type QuoteDraft } from './quoteDraft.js';
import { promptActivity } from './prompts.js';
import { imBack } from '../messages.js';

/** English dates are written day first ("31 March 2027"): unambiguous for every English reader. */
const CULTURE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', zh: 'zh-CN' };

/**
 * "20 000" in French, "20,000" in English and Chinese; four-digit numbers stay as they are
 * ("1500 utilisateurs"), which French typography allows and every reader types back the same.
 */
export const formatNumber = (lang: Lang, n: number): string => (n < 10_000 ? String(n) : new Intl.NumberFormat(CULTURE[lang]).format(n));

/** "25 agents" for JSM, "2000 users" otherwise (the catalog's tierUnit). */
function countOf(t: TFunction, lang: Lang, productId: string | undefined, n: number): string {
  const unit = productId ? getProduct(productId)?.tierUnit : undefined;
  return t(`quoteDialog:summary.${unit ?? 'users'}`, { count: n, n: formatNumber(lang, n) });
}

/** A calendar date (YYYY-MM-DD) in words: "2 février 2024", "2 February 2024", "2024年2月2日". */
export const formatDate = (lang: Lang, iso: string): string => new Intl.DateTimeFormat(CULTURE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** A slot's value as the user reads it: product names, edition names, dates in their culture. */
export function displayValue(t: TFunction, lang: Lang, draft: QuoteDraft, slot: SlotName): string {
  const value = draft.slots[slot];
  switch (slot) {
    case 'product':
      return draftItems(draft)
        .map((item) => {
          const name = getProduct(item.product)?.name ?? item.product;
          return draft.itemTiers[item.product] !== undefined ? `${name} (${countOf(t, lang, item.product, item.tier ?? 0)})` : name;
        })
        .join(lang === 'zh' ? '、' : ', ');
    case 'tier': {
      // JSM counts agents, Bamboo remote agents: the summary says so when the request is for one of them.
      const products = draft.slots.product ?? [];
      return countOf(t, lang, products.length === 1 ? products[0] : undefined, Number(value));
    }
    case 'maintenanceYears':
      return t('quoteDialog:summary.years', { count: Number(value), n: formatNumber(lang, Number(value)) });
    case 'edition': {
      const editions = editionsFor(deploymentOf(requireKind(draft)));
      const name = (id: unknown) => editions.find((e) => e.id === id)?.names[lang] ?? String(id);
      if (Object.keys(draft.itemEditions).length === 0) return name(value);
      // "Jira : Premium, Bitbucket : Standard": each product's own edition.
      return draftItems(draft)
        .map((item) => t('quoteDialog:summary.perProduct', { product: getProduct(item.product)?.name ?? item.product, value: name(item.edition ?? value) }))
        .join(lang === 'zh' ? '；' : ', ');
    }
    case 'paymentPreference':
      return draft.net30 ? t('quoteDialog:summary.net30') : t(`quote:value.paymentPreference.${String(value)}`);
    case 'targetDate':
      return formatDate(lang, String(value));
    case 'sen': {
      // "SEN-L3301987 (Jira), SEN-L3301988 (Confluence)" once the user said which is which.
      const items = draftItems(draft);
      const paired = items.length < 2 ? {} : Object.fromEntries(items.filter((i) => i.sen).map((i) => [i.sen!, getProduct(i.product)?.name ?? i.product]));
      return (value as string[]).map((sen) => (paired[sen] ? t('quoteDialog:summary.senOf', { sen, product: paired[sen] }) : sen)).join(lang === 'zh' ? '、' : ', ');
    }
    default:
      return String(value);
  }
}

/** The (label, value) lines of a draft, in the kind's asking order. */
export function summaryFacts(t: TFunction, lang: Lang, draft: QuoteDraft): Array<{ title: string; value: string }> {
  const kind = requireKind(draft);
  const notes = notesOf(t, lang, draft);
  // "Jira (50 users), Confluence (100 users)": with a tier on every order line, one request-wide tier line would contradict them.
  const products = draft.slots.product ?? [];
  const perLine = products.length > 1 && products.every((p) => draft.itemTiers[p] !== undefined);
  return slotsOf(kind)
    .filter((slot) => slot !== 'confirm' && !(slot === 'tier' && perLine) && (slot === 'notes' ? notes !== undefined : isFilled(draft.slots[slot])))
    .map((slot) => ({ title: t(labelKey(kind, slot)), value: slot === 'notes' ? notes! : displayValue(t, lang, draft, slot) }));
}

/**
 * What the opening sentence gave that this kind has no field for ("2000 users" in a Data Center
 * renewal, "they'll pay by card" in a cloud quote), as one notes line ("Palier d'utilisateurs :
 * 2000 utilisateurs ; …"): kept for the team and said back, never dropped. A co-term has no
 * tier at all: a count there is a misreading ("deux licences"), not a fact.
 */
export function unheldFacts(t: TFunction, lang: Lang, draft: QuoteDraft, given: QuoteDraft['slots']): string | undefined {
  const unheld = unheldSlots(requireKind(draft), given);
  const facts = (Object.keys(unheld) as SlotName[]).map((slot) =>
    t('quoteDialog:summary.fact', { title: t(`quote:label.${slot}`), value: displayValue(t, lang, { ...draft, slots: unheld }, slot) }),
  );
  return facts.length > 0 ? facts.join(notesSeparator(lang)) : undefined;
}

/** The given slots the kind has no field for, in slot order (a co-term's count is a misreading, dropped). */
export function unheldSlots(kind: QuoteKind, given: QuoteDraft['slots']): QuoteDraft['slots'] {
  const held = new Set<SlotName>(slotsOf(kind));
  const kept = SLOT_NAMES.filter((slot) => slot !== 'confirm' && slot !== 'notes' && !held.has(slot) && isFilled(given[slot]) && !(slot === 'tier' && kind === 'coterm'));
  return Object.fromEntries(kept.map((slot) => [slot, given[slot]]));
}

/**
 * The request's notes as the user reads them now: the bot's structured facts (what the opening
 * gave that no field holds, the current tier, each licence's current end…) worded in `lang`,
 * then the user's own remarks. An "end user" of the opening who turned out to be the reseller
 * ("c'est moi le contact") is not listed as the end user.
 */
export function notesOf(t: TFunction, lang: Lang, draft: QuoteDraft): string | undefined {
  const { endUserName, endUserEmail, ...rest } = draft.unheld;
  const unheld = {
    ...rest,
    ...(endUserName !== undefined && endUserName !== draft.slots.resellerName && { endUserName }),
    ...(endUserEmail !== undefined && endUserEmail !== draft.slots.resellerEmail && { endUserEmail }),
  };
  // "User tier: not given (…)" holds only while the tier is still empty: given at the summary, it is that field.
  const facts = draft.facts.filter((f) => !SLOT_NAMES.some((slot) => f.key === missingFactKey(slot) && isFilled(draft.slots[slot])));
  const lines = [unheldFacts(t, lang, draft, unheld), ...openingNotes(t, lang, facts, draft.slots.product?.[0] ?? draft.unheld.product?.[0]), draft.slots.notes?.trim()];
  const text = lines.filter(Boolean).join(notesSeparator(lang));
  return text || undefined;
}

/** The notes fact of a `whenMissing` slot left empty (quoteKinds.json): "quoteDialog:opening.tierMissing". */
export const missingFactKey = (slot: SlotName): string => `quoteDialog:opening.${slot}Missing`;

/**
 * The opening sentence's facts no slot holds (quoteDraft.facts), one notes line each:
 * "Délai : avant vendredi", "Palier actuel : 500 utilisateurs", "Fin de maintenance actuelle
 * (SEN-A1234567) : 15 mars 2027". A numeric date the user typed is written in words.
 */
export function openingNotes(t: TFunction, lang: Lang, facts: QuoteDraft['facts'], productId?: string): string[] {
  return facts.map(({ key, params = {} }) => {
    const name = key.replace(/^quoteDialog:opening\./u, '');
    let value: string;
    if (name === 'deadline') {
      const words = String(params.words ?? '');
      value = params.iso && params.numeric ? words.replace(String(params.numeric), formatDate(lang, String(params.iso))) : words;
    } else if (name === 'currentTier') value = countOf(t, lang, productId, Number(params.count));
    else if (name === 'currentEnd' || name === 'maintenanceEnd' || name === 'renewalDate') value = formatDate(lang, String(params.date));
    else if (name === 'currentEdition') value = editionsFor('cloud').find((e) => e.id === params.edition)?.names[lang] ?? String(params.edition ?? '');
    else if (name === 'urgent') value = t('quoteDialog:opening.urgentValue');
    else if (name.endsWith('Missing')) value = t(`quoteDialog:opening.${name}Value`);
    else value = String(params.value ?? '');
    const title = t(`quoteDialog:opening.${name === 'address' ? `address_${String(params.whose ?? 'other')}` : name}`, { sen: String(params.sen ?? '') });
    return t('quoteDialog:summary.fact', { title, value });
  });
}

/** Notes lines are joined as the language writes a list of clauses. */
export const notesSeparator = (lang: Lang): string => (lang === 'zh' ? '；' : lang === 'fr' ? ' ; ' : '; ');

/**
 * What an opening sentence already gave, said before the first question ("J'ai noté :
 * Produits : Confluence, Palier d'utilisateurs : 500 utilisateurs…"), so the user sees at once
 * what was understood. Undefined when nothing was prefilled.
 */
export function notedFacts(t: TFunction, lang: Lang, draft: QuoteDraft): string | undefined {
  const facts = summaryFacts(t, lang, draft);
  if (facts.length === 0) return undefined;
  return [t('quoteDialog:prefill.noted'), ...facts.map((f) => `- ${t('quoteDialog:summary.fact', { title: f.title, value: f.value })}`)].join('\n');
}

/**
 * The confirm prompt: the summary as an Adaptive Card whose buttons submit their typed
 * equivalent, and the same summary as plain text for channels without cards.
 */
export function summaryActivity(t: TFunction, lang: Lang, draft: QuoteDraft, offerAdvocate = false): Partial<Activity> {
  const kind = requireKind(draft);
  const facts = summaryFacts(t, lang, draft);
  const title = t('quote:summary.title', { kind: t(`quote:kind.${kind}`) });
  // "The end customer's organisation is not on this request yet…": optional, so not asked, but said before Confirm.
  const reminders = remindedSlots(kind, draft.slots).map((slot) => t(`quoteDialog:summary.remind.${slot}`));
  const card = fillTemplate(loadCardTemplate('summaryCard'), {
    title,
    intro: [t('quote:summary.intro'), ...reminders].join('\n\n'),
    facts,
    confirm: t('quote:summary.confirm'),
    edit: t('quote:summary.edit'),
    cancel: t('quote:summary.cancel'),
  });
  const fallback = [title, ...facts.map((f) => `- ${t('quoteDialog:summary.fact', { title: f.title, value: f.value })}`), '', ...reminders, t('quote:ask.confirm')].join('\n');
  const actions = offerAdvocate ? [imBack(t('common:menu.advocate'))] : [];
  return { ...promptActivity(fallback, 'confirm', actions), attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * The summary card once filed: read-only (no buttons), "Submitted — QR-…". Sent in place of the
 * summary where the channel can update a message (Teams), so the buttons cannot be clicked again.
 */
export function submittedActivity(t: TFunction, lang: Lang, draft: QuoteDraft, ref: string, id: string): Partial<Activity> {
  const kind = requireKind(draft);
  const card = fillTemplate(loadCardTemplate('submittedCard'), {
    title: t('quote:summary.title', { kind: t(`quote:kind.${kind}`) }),
    submitted: t('quoteDialog:summary.submitted', { ref }),
    facts: summaryFacts(t, lang, draft),
    note: t('quoteDialog:summary.submittedText', { ref }),
  });
  return { type: 'message', id, attachments: [CardFactory.adaptiveCard(card)] };
}
