import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText, organisationWords, type Span } from '../../knowledge/nlu/index.js';
import { hasLegalForm, isPlausibleOrganization, isPlausiblePersonName } from './plausible.js';

/**
 * The end customer's organisation said without a role phrase of its own (QA10 Q10-3): Chinese
 * glues the name to 客户 ("客户华辰制造的Bitbucket…", "帮客户远航物流升级…", "我们客户 星河传媒
 * 已经有…"), French says where the licence is ("c'est un JSM DC chez Crédit Mutualiste…"), and a
 * hurried English writer types "cust = Harrow Bank". The words are data
 * (knowledge/nlu/organisations.json); a value is kept only with a company's shape, so "客户要一份
 * 报价" or "客户张伟" name no organisation.
 */

const HAN = /\p{Script=Han}/u;
const SPACE = /[\s\u3000]/u;

export interface CustomerFound extends Span {
  value: string;
}

/** "客户华辰制造的…": the Han run right after 客户, up to a particle, a verb of the request or a non-Han character. */
export function findHanCustomer(text: string, taken: (s: Span) => boolean): CustomerFound[] {
  const w = organisationWords().hanCustomer;
  const out: CustomerFound[] = [];
  for (let at = text.indexOf(w.lead); at >= 0; at = text.indexOf(w.lead, at + 1)) {
    const lead = { start: at, end: at + w.lead.length };
    if (taken(lead)) continue;
    let start = lead.end;
    while (start < text.length && SPACE.test(text[start]!)) start++;
    const rest = text.slice(start);
    if (!HAN.test(rest[0] ?? '') || w.notNames.some((n) => rest.startsWith(n))) continue;
    let end = 0;
    let bounded = false;
    while (end < rest.length && end < w.maxLength) {
      const ch = rest[end]!;
      if (!HAN.test(ch)) {
        bounded = true;
        break;
      }
      const tail = rest.slice(end);
      // "华辰制造有限公司": the 有 of a legal form is part of the name, not the verb "has".
      if (end > 0 && w.ends.some((e) => tail.startsWith(e)) && !w.keepWhenFollowedBy.some((k) => tail.startsWith(k))) {
        bounded = true;
        break;
      }
      end++;
    }
    if (end === rest.length) bounded = true;
    const value = rest.slice(0, end);
    // A short run is more often a person ("客户张伟") than a company: four characters or a legal form.
    if (!bounded || (value.length < 4 && !hasLegalForm(value)) || !isPlausibleOrganization(value, 'zh')) continue;
    const span = { start: at, end: start + end };
    if (taken(span) || out.some((o) => o.start < span.end && span.start < o.end)) continue;
    out.push({ ...span, value });
  }
  return out;
}

/**
 * "cust = X", "… chez X": a lead word the role lists do not hold, then a company read by
 * `readCompany` (people.ts's reading of a value after a role word). Not said of oneself ("je
 * travaille chez …", "Élodie Fournier chez …": the reseller's company, read elsewhere).
 */
export function findLedCustomer(
  text: string,
  lang: Lang,
  taken: (s: Span) => boolean,
  readCompany: (from: number) => CustomerFound | undefined,
): CustomerFound[] {
  const w = organisationWords();
  const folded = foldText(text);
  const self = allLangs(w.notAfter, lang).map(foldText);
  const out: CustomerFound[] = [];
  for (const lead of allLangs(w.leads, lang).map(foldText).sort((a, b) => b.length - a.length)) {
    for (const at of findAlias(folded, lead)) {
      if (taken(at) || out.some((o) => o.start < at.end && at.start < o.end)) continue;
      const clause = folded.slice(0, at.start).split(/[,;:.!?()\n，。；：！？]/u).at(-1) ?? '';
      if (self.some((s) => new RegExp(`(?:^|[^\\p{L}])${escape(s)}(?:$|[^\\p{L}])`, 'u').test(clause))) continue;
      // "Élodie Fournier chez Altitude Numérique", "Julien Marchetti, chez Nexalis": right after a person's name, that person's company.
      const before = /(\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*\s+\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*)\s*[,，]?\s*$/u.exec(text.slice(0, at.start))?.[1];
      if (before && isPlausiblePersonName(before, lang)) continue;
      const found = readCompany(at.end);
      if (!found || taken(found)) continue;
      out.push({ start: at.start, end: found.end, value: found.value });
    }
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
