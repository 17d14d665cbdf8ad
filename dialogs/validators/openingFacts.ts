import type { Lang } from '../../knowledge/lang.js';
import { allLangs, dateWords, findAlias, foldText, formTurnWords, quoteIntentWords, type Span } from '../../knowledge/nlu/index.js';
import { findEditions, targetEdition } from './edition.js';
import { isPlausibleAddress } from './plausible.js';
import type { Message } from './result.js';
import { findSens } from './sen.js';
import { findDate } from './targetDate.js';
import type { CountCandidate } from './userCount.js';

/**
 * Facts of an opening sentence that no slot holds, kept for the notes and said back before the
 * first question: when the quote is needed and whether it is urgent, the user tier an upgrade
 * starts from (and, on cloud, its edition), each licence's current end date in a co-term, the customer's postal address.
 * Each is a message key under `quoteDialog:opening.*` with its params; the dialog words them.
 * Only what the sentence says is kept: a weekday stays a weekday ("avant vendredi"), a numeric
 * date becomes the same date in words.
 */

export type OpeningFact = Message;

const PUNCT = /[,;.!?()\n，。；！？、]/u;

const cueSpans = (folded: string, cues: readonly string[]): Span[] => cues.flatMap((c) => findAlias(folded, foldText(c)));

/** "urgent", "au plus vite", "尽快". */
function isUrgent(folded: string, lang: Lang): boolean {
  return cueSpans(folded, allLangs(dateWords().urgency, lang)).length > 0;
}

const NUMERIC_DATE = /(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))(?!\d)/u;

/**
 * "needed before 31 January", "c'est urgent, avant vendredi", "d'ici le 15/01/2027", "月底前要":
 * the deadline in the user's own words (a numeric date kept aside to be written in words).
 */
function findDeadline(input: string, folded: string, lang: Lang, now: Date): OpeningFact | undefined {
  const w = dateWords();
  const when = allLangs(w.deadlineWhen, lang).map(foldText).sort((a, b) => b.length - a.length);
  const months = (['en', 'fr'] as const).flatMap((l) => w.cues[l]).filter((c) => c.length >= 3 && !['date', 'fin', 'end of', 'echeance'].includes(c));
  // Latin: a cue, then a date-like phrase up to the next punctuation.
  const cues = [...w.deadlineCues.en, ...w.deadlineCues.fr].map(foldText);
  for (const at of cueSpans(folded, cues).sort((a, b) => a.start - b.start)) {
    const rest = folded.slice(at.end);
    const stop = PUNCT.exec(rest.replace(/(\d)[/.](\d)/gu, '$1-$2'))?.index ?? rest.length;
    const phrase = rest.slice(0, Math.min(stop, 40)).trim();
    const article = /^(?:le|la|l'|the|on|a|au)\s+/u.exec(phrase)?.[0].length ?? 0;
    const head = phrase.slice(article);
    // Only the date itself: "by Friday please" keeps "by Friday".
    const numeric0 = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))(?!\d)/u.exec(head)?.[0];
    const month = months
      .map((m) => new RegExp(`^(?:\\d{1,2}(?:st|nd|rd|th|er)?\\s+)?${m}\\b(?:\\s+\\d{1,2}(?:st|nd|rd|th)?\\b)?(?:,?\\s+\\d{4}\\b)?`, 'u').exec(head)?.[0])
      .filter(Boolean)
      .sort((a, b) => b!.length - a!.length)[0];
    const said = numeric0 ?? month ?? when.find((x) => head.startsWith(x) && !/[\p{L}]/u.test(head[x.length] ?? ''));
    if (!said) continue;
    const phraseAt = at.end + rest.indexOf(phrase);
    const words = input.slice(at.start, phraseAt + article + said.length).trim();
    const numeric = NUMERIC_DATE.exec(words);
    const iso = numeric ? findDate(numeric[0], lang, now) : undefined;
    return { key: 'quoteDialog:opening.deadline', params: { words, ...(iso && numeric && { iso, numeric: numeric[0] }) } };
  }
  // Chinese: "月底前", "周五之前", "1月31日前".
  const zh = new RegExp(`((?:\\d{4}年)?\\d{1,2}月\\d{1,2}[日号]|\\d{1,2}[日号]|${w.deadlineWhen.zh.map((x) => x.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|')})之?前`, 'u').exec(input);
  if (zh) return { key: 'quoteDialog:opening.deadline', params: { words: zh[0] } };
  return undefined;
}

/**
 * "from 500 to 1000 users": the user tier an upgrade starts from (the number before the target).
 * Further back in the same sentence when both have a unit: "en Standard 100 utilisateurs, ils
 * veulent passer en Premium et monter à 250 utilisateurs" starts from 100 (not across a sentence end).
 */
function currentTierOf(input: string, counts: readonly CountCandidate[], target: CountCandidate | undefined): OpeningFact | undefined {
  // "currently 50 agents", "目前50个坐席": the count said as what they have now.
  const said = counts.find((c) => c.current && !c.article && !c.date);
  if (said && said.value !== target?.value) return { key: 'quoteDialog:opening.currentTier', params: { count: said.value } };
  if (!target?.afterTarget) return undefined;
  const near = (c: CountCandidate) =>
    target.start - c.end <= 24 || (c.withUnit && target.withUnit && target.start - c.end <= 90 && !/[.!?。！？;；\n]/u.test(input.slice(c.end, target.start)));
  const before = counts.filter((c) => !c.article && !c.date && c.end <= target.start && near(c)).at(-1);
  if (!before || before.value === target.value) return undefined;
  return { key: 'quoteDialog:opening.currentTier', params: { count: before.value } };
}

/**
 * "site en Standard …, ils veulent passer en Premium", "目前标准版，要升级到高级版", "currently on
 * Standard": the cloud edition an upgrade starts from (one named that is not the target).
 */
function currentEditionOf(input: string): OpeningFact | undefined {
  const named = findEditions(input, 'cloud');
  const target = targetEdition(input, 'cloud');
  const others = named.filter((id) => id !== target);
  return others.length === 1 ? { key: 'quoteDialog:opening.currentEdition', params: { edition: others[0]! } } : undefined;
}

/**
 * What an upgrade starts from: the current tier ("de 250 à 500 agents") and, on cloud, the current
 * edition. Said in the opening or at any prompt (interpret/upgradeFacts.ts).
 */
export function findUpgradeFacts(input: string, cloud: boolean, counts: readonly CountCandidate[], target: CountCandidate | undefined): OpeningFact[] {
  const tier = currentTierOf(input, counts, target);
  const edition = cloud ? currentEditionOf(input) : undefined;
  return [...(tier ? [tier] : []), ...(edition ? [edition] : [])];
}

/**
 * "SEN-A… ends 15 March 2027, SEN-B… ends 2 May 2027", "SEN-L… (échéance 15/03/2027)",
 * "SEN-L… 2027年3月15日到期": each licence's current end date, read between its SEN and the next
 * one (or the co-term target cue). Only with an end word: a bare date could be the target.
 */
export function currentEndDates(input: string, lang: Lang, now: Date): Array<{ sen: string; date: string }> {
  const sens = findSens(input);
  if (sens.length === 0) return [];
  const folded = foldText(input);
  const ends = allLangs(dateWords().currentEndCues, lang).map(foldText);
  const targets = cueSpans(folded, allLangs(dateWords().targetCues, lang));
  const out: Array<{ sen: string; date: string }> = [];
  sens.forEach((s, i) => {
    const next = sens[i + 1]?.start ?? input.length;
    const target = targets.filter((t) => t.start >= s.end && t.start < next).map((t) => t.start);
    const end = Math.min(next, s.end + 60, ...target);
    const segment = folded.slice(s.end, end);
    if (!ends.some((e) => findAlias(segment, e).length > 0)) return;
    const date = findDate(input.slice(s.end, end), lang, now);
    if (date && !out.some((o) => o.sen === s.sen)) out.push({ sen: s.sen, date });
  });
  return out;
}

/**
 * "société Dupont SA, adresse 3 rue X, 69001 Lyon, France": the postal address after an
 * address word, clause by clause while it still looks like one (a street, then a postcode and
 * town, a country); "adresse de facturation" is the billing address itself.
 */
export function findAddress(input: string, lang: Lang): { value: string; billing: boolean; start: number } | undefined {
  const words = formTurnWords().openingWords;
  const folded = foldText(input);
  const copulas = allLangs(formTurnWords().copulas, lang).map(foldText);
  const found = [
    ...cueSpans(folded, allLangs(words.billingAddress, lang)).map((s) => ({ ...s, billing: true })),
    ...cueSpans(folded, allLangs(words.address, lang)).map((s) => ({ ...s, billing: false })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const cue of found) {
    let from = cue.end;
    const lead = folded.slice(from).match(/^\s*[:：=]?\s*/u)?.[0].length ?? 0;
    from += lead;
    const copula = copulas.find((c) => folded.startsWith(c, from) && !/[\p{L}]/u.test(folded[from + c.length] ?? ''));
    if (copula && !/\p{Script=Han}/u.test(copula)) from += copula.length;
    const rest = input.slice(from);
    const parts = rest.split(/(?<=[,;，；])/u);
    let value = '';
    for (const part of parts) {
      const whole = part.replace(/[,;，；]\s*$/u, '').trim();
      // "…, CA 94105, USA. I'm Olivia Grant…": the clause ends with its sentence; "USA" is the place.
      const end = /(?<=\p{L}{2,})[.!?。！？](?=\s|$)/u.exec(whole);
      const clean = end ? whole.slice(0, end.index) : whole;
      if (!clean) break;
      const hasPostcode = /\b\d{4,6}\b|[省市区县路街道号]/u.test(value);
      // The next clause continues the address while no postcode was seen, or it is a short capitalised place ("France").
      const continues = value === '' || !hasPostcode || (/^[\p{Lu}]/u.test(clean) && clean.split(/\s+/u).length <= 2 && !/\d/u.test(clean));
      if (!continues) break;
      value = value ? `${value}, ${clean}` : clean;
      if (end || /[;；.]\s*$/u.test(part) || /[.!?。！？]\s/u.test(clean)) break;
    }
    value = value.replace(/[.。]$/u, '').trim();
    // "adresse e-mail" is no postal address.
    if (value && isPlausibleAddress(value, lang)) return { value, billing: cue.billing, start: cue.start };
  }
  return undefined;
}

/**
 * Every fact of `input` the slots do not hold. `counts` and `target` are the user-count
 * candidates and the one taken as the tier (for the tier an upgrade starts from).
 */
export function findOpeningFacts(
  input: string,
  lang: Lang,
  options: { action?: string; kind?: string; deployment?: string; counts?: readonly CountCandidate[]; target?: CountCandidate; now?: Date },
): OpeningFact[] {
  const now = options.now ?? new Date();
  const folded = foldText(input);
  const facts: OpeningFact[] = [];
  if (isUrgent(folded, lang)) facts.push({ key: 'quoteDialog:opening.urgent' });
  const deadline = findDeadline(input, folded, lang, now);
  if (deadline) facts.push(deadline);
  const upgrade = options.action === 'upgrade' || options.kind === 'dc-upgrade' || options.kind === 'cloud-upgrade';
  if (upgrade) facts.push(...findUpgradeFacts(input, options.kind !== 'dc-upgrade' && options.deployment !== 'data-center', options.counts ?? [], options.target));
  for (const end of currentEndDates(input, lang, now)) facts.push({ key: 'quoteDialog:opening.currentEnd', params: end });
  return facts;
}

/** "from 500 to 1000 users", "de 250 à 500 utilisateurs", "从500到1000": a change of user count. */
export function saysCountChange(folded: string, lang: Lang): boolean {
  const w = quoteIntentWords().countChange;
  const esc = (x: string) => foldText(x).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const from = allLangs(w.from, lang).map(esc).join('|');
  const to = allLangs(w.to, lang).map(esc).join('|');
  return new RegExp(`(?:^|[^\\p{L}])(?:${from})\\s*\\d[\\d\\s.,]{0,8}\\s*\\p{L}{0,14}\\s*(?:${to})\\s*\\d`, 'u').test(folded);
}
