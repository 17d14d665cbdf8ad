import { editionsFor } from '../../knowledge/catalog.js';
import { correctProductTypos, findProductMatchesTolerant } from './product.js';
import { saysCountChange } from './openingFacts.js';
import type { Deployment } from '../../knowledge/catalogSchema.js';
import { findEditions, targetEdition } from './edition.js';
import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText, quoteIntentWords } from '../../knowledge/nlu/index.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';
import { findSens } from './sen.js';
import { findMaintenanceYears } from './maintenanceYears.js';
import { findUserCounts } from './userCount.js';
import { findSiteUrl } from './siteUrl.js';
import { findEmails } from './email.js';

/**
 * Does a message ask for a quote, and which kind? Keywords come from
 * knowledge/nlu/quoteIntent.json, all languages at once (resellers mix them).
 *
 * Decisions:
 * - co-term wins over everything; then the action said first (upgrade, renewal, new purchase), then a plain "quote".
 * - Deployment: a cloud/Data Center/Server word, else a site URL (cloud), else products sold in
 *   only one deployment (Loom → cloud, Bamboo → Data Center).
 * - A SEN with no deployment word is read as Data Center: SENs identify self-managed licences on
 *   the order form's Renew/Upgrade tabs, while cloud sites are named by their URL. The dialog
 *   still shows the kind in the summary, and the user can change it.
 * - Server requests map to the Data Center kinds; quoteRules.checkServerEndOfSale then refuses
 *   them and offers Data Center or cloud.
 */

export type QuoteAction = 'coterm' | 'upgrade' | 'renewal' | 'new' | 'quote';

export interface QuoteIntent {
  isQuote: boolean;
  action?: QuoteAction;
  kind?: QuoteKind;
  deployment?: Deployment;
  billingCycle?: 'monthly' | 'annual';
}

const said = (folded: string, words: readonly string[]) => words.some((w) => findAlias(folded, w).length > 0);

/** Where the first of the words occurs, or Infinity. */
const firstAt = (folded: string, words: readonly string[]): number =>
  Math.min(Infinity, ...words.flatMap((w) => findAlias(folded, w).map((s) => s.start)));

/**
 * Co-term wins over everything; otherwise the action said first: "a brand new Confluence DC
 * licence — we'll review at renewal" is a new licence, "renew it and add 50 users" a renewal.
 */
function detectAction(text: string, folded: string, lang: Lang): QuoteAction | undefined {
  const w = quoteIntentWords();
  if (said(folded, allLangs(w.coterm, lang))) return 'coterm';
  // "align SEN-A… and SEN-B… to 31 Dec 2027": aligning two licences is a co-term.
  if (findSens(text).length >= 2 && said(folded, allLangs(w.cotermWithSens, lang))) return 'coterm';
  const actions: Array<[QuoteAction, number]> = [
    ['upgrade', firstAt(folded, allLangs(w.upgrade, lang))],
    ['renewal', firstAt(folded, allLangs(w.renewal, lang))],
    ['new', firstAt(folded, allLangs(w.newPurchase, lang))],
  ];
  const [first] = actions.filter(([, at]) => at < Infinity).sort((a, b) => a[1] - b[1]);
  if (first) return first[0];
  // "passer le Jira de Standard à Premium": a move to a higher cloud edition is an upgrade, in any language.
  if (editionUpgrade(folded)) return 'upgrade';
  // "passer Jira DC de 250 à 500 utilisateurs, SEN-…": a change of user count is an upgrade.
  if (saysCountChange(folded, lang)) return 'upgrade';
  if (said(folded, allLangs(w.quote, lang)) || framedQuote(folded, lang)) return 'quote';
  // "新的 Confluence 云订阅，标准版，100用户": a new subscription named is a purchase, without "quote".
  if (saysNewSubscription(folded, lang)) return 'new';
  if (wantsProduct(text, lang)) return 'new';
  if (adoptsProduct(text, folded, lang)) return 'new';
  if (ordersByFacts(text, folded, lang)) return 'new';
  return undefined;
}

/**
 * "ok so: Jira DC 500 users, 1 year maint, customer X, tech contact Y y@…": no request word, but a
 * product, a deployment, a user count and a term or an email make an order's data, not a question.
 */
function ordersByFacts(text: string, folded: string, lang: Lang): boolean {
  if (!saysDeployment(folded)) return false;
  if (findProductMatchesTolerant(text).length === 0) return false;
  if (!hasUnitCount(text, lang)) return false;
  return findMaintenanceYears(text, lang) !== undefined || findEmails(text).length > 0;
}

/** "500 users", "1 500 utilisateurs": a count with its unit, not an article or a date. */
const hasUnitCount = (text: string, lang: Lang): boolean => findUserCounts(text, lang).some((c) => c.withUnit && !c.article && !c.date);

/** A deployment word in any language ("DC", "cloud", "数据中心"). */
const saysDeployment = (folded: string): boolean => Object.values(quoteIntentWords().deployment).some((list) => said(folded, list));

/**
 * "On a un client qui veut passer sur Confluence Data Center pour 3000 utilisateurs sur 2 ans":
 * an adoption verb right before a product, a deployment word, and a user count or a duration.
 * All four are needed: "passer sur Confluence" alone is a conversation, not an order.
 */
function adoptsProduct(text: string, folded: string, lang: Lang): boolean {
  const w = quoteIntentWords();
  const deployment = saysDeployment(folded);
  if (!deployment || !verbBeforeProduct(text, allLangs(w.adoptProduct, lang))) return false;
  return hasUnitCount(text, lang) || findMaintenanceYears(text, lang) !== undefined;
}

/** A verb of the list ends right before a product name (articles between are fine). */
function verbBeforeProduct(text: string, verbs: readonly string[]): boolean {
  const corrected = foldText(correctProductTypos(text));
  const folded = verbs.map(foldText);
  return findProductMatchesTolerant(text).some((m) => {
    const before = corrected.slice(Math.max(0, m.start - 24), m.start).trimEnd();
    return folded.some((w) => findAlias(before, w).some((s) => s.end === before.length || /^\s*(?:the|a|an|le|la|les|un|une|du|de|des|d'|个|一个|套)?\s*$/u.test(before.slice(s.end))));
  });
}

/** "报一个Jira的价", "帮客户报个Jira数据中心的价": a quote said in two parts around what it is for. */
function framedQuote(folded: string, lang: Lang): boolean {
  return framed(folded, quoteIntentWords().quoteFrames, lang, 24);
}

/**
 * Two parts of a phrase with a few words between and no punctuation ("new Jira Cloud Standard
 * subscription", "新的 Confluence 云订阅"). Latin parts are whole words ("renew" holds no "new"); the second
 * comes within `gap` characters.
 */
function framed(folded: string, frames: PerLangFrames, lang: Lang, gap: number, withSecond = false): boolean {
  return [lang, ...(['en', 'fr', 'zh'] as const).filter((l) => l !== lang)].flatMap((l) => frames[l]).some(([first, second]) => {
    const b = foldText(second);
    for (const span of findAlias(folded, foldText(first))) {
      // `gap` characters after the first part, the second part included unless `withSecond`.
      const rest = folded.slice(span.end, span.end + gap + (withSecond ? b.length : 0));
      const end = rest.search(new RegExp(`(?<![\\p{L}])${b.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u'));
      const at = /\p{Script=Han}/u.test(b) ? rest.indexOf(b) : end;
      if (at >= 0 && !/[,;.!?，。；！？、\n]/u.test(rest.slice(0, at))) return true;
    }
    return false;
  });
}

type PerLangFrames = Record<Lang, ReadonlyArray<readonly [string, string]>>;

/**
 * "a new subscription", "a new Jira Cloud Standard subscription", "un nouvel abonnement Confluence",
 * "新的 Confluence 云订阅": a cloud subscription to create, whatever the words between.
 */
export function saysNewSubscription(folded: string, lang: Lang): boolean {
  const w = quoteIntentWords();
  return said(folded, allLangs(w.newSubscription, lang)) || framed(folded, w.newSubscriptionFrames, lang, 40, true);
}

/** "they want Jira for 40 users", "il veut Confluence", "要Jira数据中心500用户": a want verb right before a product. */
function wantsProduct(text: string, lang: Lang): boolean {
  const corrected = foldText(correctProductTypos(text));
  const wants = allLangs(quoteIntentWords().wantProduct, lang).map(foldText);
  return findProductMatchesTolerant(text).some((m) => {
    const before = corrected.slice(Math.max(0, m.start - 24), m.start).trimEnd();
    return wants.some((w) => findAlias(before, w).some((s) => s.end === before.length || /^\s*(?:the|a|an|le|la|les|un|une|du|de|des|d'|个|一个|套)?\s*$/u.test(before.slice(s.end))));
  });
}

function editionUpgrade(text: string): boolean {
  const named = findEditions(text, 'cloud');
  const target = named.length >= 2 ? targetEdition(text, 'cloud') : undefined;
  if (!target) return false;
  const order = editionsFor('cloud').map((e) => e.id);
  return named.every((id) => id === target || order.indexOf(id) < order.indexOf(target));
}

function detectDeployment(text: string, folded: string): Deployment | undefined {
  const words = quoteIntentWords().deployment;
  const named = (['server', 'data-center', 'cloud'] as const).filter((d) => said(folded, words[d]));
  // "migrate from Server to Data Center": the target (non-Server) deployment wins.
  const target = named.find((d) => d !== 'server') ?? named[0];
  if (target) return target;
  if (findSiteUrl(text)) return 'cloud';
  // "no site yet": sites are cloud's.
  if (negatedSite(folded, 'en')) return 'cloud';
  const products = findProductMatchesTolerant(text).map((m) => m.product);
  const only = (d: Deployment) => products.length > 0 && products.every((p) => p.deployments.length === 1 && p.deployments[0] === d);
  if (only('cloud')) return 'cloud';
  if (only('data-center')) return 'data-center';
  return undefined;
}

/** A cue in a folded window: "n't" and "n'" are glued to their verb ("hasn't"), the rest are whole words. */
const cueIn = (window: string, cue: string): boolean => (cue.startsWith("n'") ? window.includes(cue) : findAlias(window, cue).length > 0);

/**
 * "my customer hasn't got a cloud site yet", "ils n'ont encore aucun site", "客户还没开通云站点",
 * "云站点还没有": a site word negated in its own clause. "I don't know their site" only says the
 * user does not have the URL at hand: not a new subscription.
 */
export function negatedSite(folded: string, lang: Lang): boolean {
  const w = quoteIntentWords().siteNegation;
  const before = allLangs(w.before, lang).map(foldText);
  const after = allLangs(w.after, lang).map(foldText);
  const unsure = allLangs(w.unsure, lang).map(foldText);
  const urlAfter = allLangs(w.urlAfter, lang).map(foldText);
  for (const word of allLangs(w.site, lang).map(foldText)) {
    for (const at of findAlias(folded, word)) {
      // The clause the site word is in: back to the last punctuation, at most 48 characters.
      const head = folded.slice(Math.max(0, at.start - 48), at.start);
      const clause = head.slice(Math.max(...[',', ';', '.', '!', '?', '，', '；', '。', '！', '？', ':', '：'].map((p) => head.lastIndexOf(p))) + 1);
      const tail = folded.slice(at.end, at.end + 8);
      // "no site URL to hand": the URL is missing, not the site.
      if (urlAfter.some((cue) => findAlias(tail, cue).some((m) => tail.slice(0, m.start).trim() === ''))) continue;
      const negated = before.some((cue) => cueIn(clause, cue)) || after.some((cue) => tail.trimStart().startsWith(cue));
      if (negated && !unsure.some((cue) => cueIn(clause, cue))) return true;
    }
  }
  return false;
}

function kindFor(action: QuoteAction | undefined, deployment: Deployment | undefined, text: string, folded: string, lang: Lang): QuoteKind | undefined {
  if (action === 'coterm') return 'coterm';
  const w = quoteIntentWords();
  if (deployment === 'cloud') {
    if (action === 'upgrade') return 'cloud-upgrade';
    if (action === 'renewal') return 'cloud-renewal';
    const url = findSiteUrl(text) !== undefined;
    const hasSite = url || said(folded, allLangs(w.existingSite, lang));
    // "a new Jira Cloud subscription … site would be x.atlassian.net": the URL is the site to create.
    // Said in so many words ("a new … subscription"), whatever the action word ("报价" is only "quote").
    const newSubscription = (action === 'new' || action === 'quote') && saysNewSubscription(folded, lang) && !said(folded, allLangs(w.existingSite, lang));
    // "devis cloud nouveau", "new cloud quote", "新的云报价": a quote said new, with no site, is not for an existing one.
    const saidNew = action === 'quote' && !hasSite && said(folded, allLangs(w.newQuote, lang));
    if (said(folded, allLangs(w.noSite, lang)) || (!url && negatedSite(folded, lang)) || (action === 'new' && !hasSite) || newSubscription || saidNew) return 'cloud-new';
    return action ? 'cloud-existing' : undefined;
  }
  const hasSen = findSens(text).length > 0;
  if (deployment === 'data-center' || deployment === 'server' || hasSen) {
    if (action === 'upgrade') return 'dc-upgrade';
    if (action === 'renewal') return 'dc-renewal';
    if (deployment && action) return 'dc-new';
  }
  return undefined;
}

/** The last messages read: one turn asks about the same message several times (the route, the slot reading, the FAQ's form button). */
const recentIntents: Array<{ text: string; lang: Lang; intent: QuoteIntent }> = [];
const RECENT_INTENTS = 4;

/** Does a message ask for a quote, and which kind (a copy each call: callers may add to it). */
export function detectQuoteIntent(text: string, lang: Lang): QuoteIntent {
  let hit = recentIntents.find((r) => r.text === text && r.lang === lang);
  if (!hit) {
    hit = { text, lang, intent: readQuoteIntent(text, lang) };
    recentIntents.unshift(hit);
    if (recentIntents.length > RECENT_INTENTS) recentIntents.pop();
  }
  return { ...hit.intent };
}

function readQuoteIntent(text: string, lang: Lang): QuoteIntent {
  const folded = foldText(text);
  // "new Jria licence": action words that hold a product name are read with its typo forgiven.
  const action = detectAction(text, foldText(correctProductTypos(text)), lang);
  const deployment = detectDeployment(text, folded);
  const billing = quoteIntentWords().billing;
  const billingCycle = said(folded, billing.monthly) ? 'monthly' : said(folded, billing.annual) ? 'annual' : undefined;
  const kind = kindFor(action, deployment, text, folded, lang);
  return {
    isQuote: action !== undefined || kind !== undefined,
    ...(action && { action }),
    ...(kind && { kind }),
    ...(deployment && { deployment }),
    ...(billingCycle && { billingCycle }),
  };
}

/** "new", "nouvelle", "新": a short answer to the kind question that means a new purchase. */
export function isNewWord(text: string, lang: Lang): boolean {
  const folded = foldText(text);
  return said(folded, allLangs(quoteIntentWords().newPurchase, lang)) || said(folded, ['new', 'nouveau', 'nouvelle', 'nouvel', '新', '新购']);
}
