import { findProducts } from '../../knowledge/catalog.js';
import { findEditions } from './edition.js';
import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords, organisationWords, type Span } from '../../knowledge/nlu/index.js';
import { findHanCustomer, findLedCustomer, type CustomerFound } from './customerOrganisation.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import { hasLegalForm, isPlausibleOrganization, isPlausiblePersonName, sentenceWordCount } from './plausible.js';

export { hasLegalForm };

/**
 * Names and companies said after a role word in a free sentence: "moi c'est Julien Moreau de
 * Softeam", "contact technique Pierre Martin", "pour mon client Acme Industries", "我是王磊",
 * "客户是晨光制药有限公司". Only a plausible value right after the role word counts: nothing is
 * guessed from a name without its role.
 */

export type PersonSlot = 'resellerName' | 'technicalContactName' | 'endUserName' | 'authorizedContactName';
export type CompanySlot = 'resellerCompany' | 'endUserOrganization';
const PERSON_SLOTS: readonly PersonSlot[] = ['technicalContactName', 'endUserName', 'authorizedContactName', 'resellerName'];
const COMPANY_SLOTS: readonly CompanySlot[] = ['endUserOrganization', 'resellerCompany'];

export interface FoundValue extends Span {
  slot: SlotName;
  value: string;
  /** Named as "contact" without a role: the customer's person, placed by the kind (see quoteEntryDialog). */
  generic?: boolean;
  /** Read without a role phrase ("客户海川电子要…"): often a short name, so a kind that requires the slot asks it anyway. */
  tentative?: boolean;
}

const HAN = /\p{Script=Han}/u;
/**
 * Where a Latin value ends: punctuation (not the dot of a title or an initial: "Dr. Anne Weber",
 * "J. Dupont"), an email, a parenthesis. An email is matched from the
 * start of its word only, at most 254 characters: tried at every position, `\S+@` rescanned a
 * long word to its end from each of them (quadratic).
 */
const LATIN_END = /[,;:!?()\[\]<>|/\n，。；：！？、]|(?<!(?:^|\s)(?:\p{L}|[DdMm]rs?|[Mm]s|[Pp]rof?|[Mm]me|[Mm]lle|[Ss]t))\.|\s[-–—]\s|(?<!\S)\S{1,254}@/u;
const HAN_END = /[,;:.!?()\[\]<>|/\n，。；：！？、\s]|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@/u;
const TRAILING_MARKS = /(?<![.'’-])[.'’-]+$/u;

/** The words right after `at` up to the first stop word or punctuation, at most `max` words. */
function latinRun(original: string, folded: string, at: number, max: number, stops: Set<string>, company = false): Span | undefined {
  const rest = original.slice(at);
  const endAt = LATIN_END.exec(rest)?.index ?? rest.length;
  const words: Span[] = [];
  for (const m of rest.slice(0, endAt).matchAll(/[\p{L}\p{M}'’.-]+/gu)) {
    const word = foldText(m[0]).replace(TRAILING_MARKS, '');
    // "technical contact email is …": a stop word right after the role is not a name.
    if (stops.has(word)) break;
    // "notre client Atelier Mirabeau a un site…": the verb "a" ends a company; the particle "à" does not.
    if (company && m[0] === 'a' && words.length > 0) break;
    if (HAN.test(m[0])) break;
    // "SEN-L1234567", "Q3": letters glued to digits are a reference, not part of a name.
    if (/\p{N}/u.test(rest[m.index + m[0].length] ?? '') || /\p{N}/u.test(rest[m.index - 1] ?? '')) break;
    words.push({ start: at + m.index, end: at + m.index + m[0].length });
    if (words.length === max) break;
  }
  if (words.length === 0) return undefined;
  void folded;
  return { start: words[0]!.start, end: words.at(-1)!.end };
}

function hanRun(original: string, at: number, max: number, stopChars: readonly string[], person = false): Span | undefined {
  const rest = original.slice(at).replace(/^\s+/u, (s) => ' '.repeat(s.length));
  const lead = rest.length - rest.trimStart().length;
  let end = HAN_END.exec(rest.slice(lead))?.index ?? rest.length - lead;
  // Unpunctuated Chinese ("我是上海云桥的张伟客户是杭州新禾科技要Jira…"): a name ends before the
  // next role phrase or a verb of the request; a person's name before Latin letters or digits.
  const unpunctuated = [...stopChars, ...formTurnWords().openingWords.hanStops.zh, ...hanRolePhrases()];
  for (const stop of unpunctuated) {
    const i = rest.slice(lead).indexOf(stop);
    if (i > 0 && i < end) end = i;
  }
  if (person) {
    const latin = /[A-Za-z0-9]/u.exec(rest.slice(lead));
    if (latin && latin.index > 0 && latin.index < end) end = latin.index;
  }
  if (end <= 0) return undefined;
  return { start: at + lead, end: at + lead + Math.min(end, max) };
}

/** Past "c'est", "is", "是", ":" right after a role word. */
function afterCopula(folded: string, at: number, lang: Lang): number {
  const rest = folded.slice(at);
  const lead = rest.length - rest.trimStart().length;
  for (const c of allLangs(formTurnWords().copulas, lang).map(foldText).sort((a, b) => b.length - a.length)) {
    const tail = rest.slice(lead);
    if (!tail.startsWith(c)) continue;
    const next = tail[c.length];
    if (/\p{Script=Han}|[:=：-]/u.test(c) || next === undefined || !/[\p{L}\p{N}]/u.test(next)) return at + lead + c.length;
  }
  return at;
}

/** The value after a role phrase, shaped like a person name or a company. */
/** "Tech contact at the customer is Erik Holm", "contact technique chez le client : …": past the side the role is on. */
const SIDE = /^\s*(?:at|of|for|on|chez|du|de la|de|cote|coté|côté)\s+(?:the\s+|le\s+|la\s+|l')?(?:customer|client|end[ -]user|customer's|client's)(?:'s)?(?:\s+side)?(?=[\s:,])/u;

/** "Authorized contact on the site is …", "contact autorisé sur le site : …": the length of the side phrase after the role (0: none). */
function siteSide(folded: string, from: number, lang: Lang): number {
  const rest = folded.slice(from);
  const lead = rest.length - rest.trimStart().length;
  const side = allLangs(formTurnWords().openingWords.roleSides, lang)
    .map(foldText)
    .filter((p) => rest.startsWith(p, lead) && /^(?:[\s:,]|$)/u.test(rest.slice(lead + p.length)))
    .sort((a, b) => b.length - a.length)[0];
  return side ? lead + side.length : 0;
}

function valueAfter(text: string, folded: string, from: number, kind: 'person' | 'company', lang: Lang): Span | undefined {
  const words = formTurnWords();
  const side = SIDE.exec(folded.slice(from))?.[0].length ?? siteSide(folded, from, lang);
  const at = afterCopula(folded, from + side, lang);
  const next = text.slice(at).trimStart();
  const start = at + (text.slice(at).length - next.length);
  if (HAN.test(next[0] ?? '')) {
    // "授权联系人一定要是站点管理员吗？": a question names nobody.
    const clause = /^[^，,。；;！!\n]*[？?]?/u.exec(next)?.[0] ?? '';
    if (/[？?]|[吗呢]\s*$/u.test(clause)) return undefined;
    // "我是王磊" / "客户是晨光制药有限公司": a name is short; "华信的王磊" keeps the part after 的.
    const span = hanRun(text, start, kind === 'person' ? 12 : 40, kind === 'person' ? ['，', ','] : [], kind === 'person');
    if (!span) return undefined;
    const raw = text.slice(span.start, span.end);
    if (kind === 'person' && raw.includes('的')) {
      const after = raw.lastIndexOf('的') + 1;
      return { start: span.start + after, end: span.end };
    }
    return span;
  }
  const stops = new Set(allLangs(words.nameStop, lang).map(foldText));
  // Company names hold particles and legal forms ("Soieries du Rhône SA", "Bank of the West").
  if (kind === 'company') for (const w of ['de', 'du', 'des', 'of', 'the', 'sa', 'a', 'and', 'et']) stops.delete(w);
  return latinRun(text, folded, start, kind === 'person' ? 5 : 6, stops, kind === 'company');
}

/**
 * Every role-introduced name and company in `text` (already normalised), longest role phrase
 * first so "contact technique est" wins over "contact technique". A company said right after
 * the reseller's own name ("Julien Moreau de Softeam") is the reseller's company.
 */
type RolePhrase = { slot: PersonSlot | CompanySlot; kind: 'person' | 'company'; phrase: string; generic?: boolean };
const roleCache = new Map<Lang, RolePhrase[]>();
/** Every role phrase of every slot, folded, longest first; built once per language. */
function rolePhrases(lang: Lang, intro: ReturnType<typeof formTurnWords>['selfIntro']): RolePhrase[] {
  const cached = roleCache.get(lang);
  if (cached) return cached;
  const phrases: RolePhrase[] = [
    ...PERSON_SLOTS.flatMap((slot) => allLangs(intro[slot], lang).map((phrase) => ({ slot, kind: 'person' as const, phrase: foldText(phrase) }))),
    ...COMPANY_SLOTS.flatMap((slot) => allLangs(intro[slot], lang).map((phrase) => ({ slot, kind: 'company' as const, phrase: foldText(phrase) }))),
    ...allLangs(formTurnWords().openingWords.customerContact, lang).map((phrase) => ({ slot: 'endUserName' as const, kind: 'person' as const, phrase: foldText(phrase), generic: true })),
  ].sort((a, b) => b.phrase.length - a.phrase.length);
  roleCache.set(lang, phrases);
  return phrases;
}

let hanRoles: string[] | undefined;
/** Chinese role phrases ("客户是", "技术联系人"), where an unpunctuated name before them ends. */
function hanRolePhrases(): string[] {
  if (hanRoles) return hanRoles;
  const intro = formTurnWords().selfIntro;
  const lists = [...PERSON_SLOTS, ...COMPANY_SLOTS].map((slot) => intro[slot].zh);
  hanRoles = [...lists.flat(), ...formTurnWords().openingWords.customerContact.zh].filter((p) => p.length >= 2 && HAN.test(p));
  return hanRoles;
}

/**
 * "Julien Moreau de Softeam ici, …", "Dana Ruiz from Northgate here": the writer's name (and
 * company) at the start of the sentence, introduced by the word after them.
 */
function nameThenHere(text: string, lang: Lang): FoundValue[] {
  const words = formTurnWords();
  const greeting = /^\s*(?:(?:bonjour|bonsoir|salut|hello|hi|hey|dear)\b[\s,!.]*)?/iu.exec(text)?.[0].length ?? 0;
  const rest = text.slice(greeting);
  const clause = rest.slice(0, Math.max(0, (/[,;:.!?\n，。；：！？]|\s[-–—]\s/u.exec(rest)?.index ?? rest.length)));
  const folded = foldText(clause);
  const here = allLangs(words.openingWords.selfIntroAfter, lang).map(foldText).find((w) => new RegExp(`\\s${w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\s*$`, 'u').test(folded));
  if (!here) return [];
  const body = clause.slice(0, folded.lastIndexOf(here)).trim();
  const split = splitNameAndCompany(body, lang);
  const name = split?.name ?? body;
  const n = name.split(/\s+/u).length;
  if (n < 2 || n > 4 || !/^\p{Lu}/u.test(name) || !isPlausiblePersonName(name, lang)) return [];
  const start = greeting;
  const out: FoundValue[] = [{ slot: 'resellerName', value: name, start, end: start + name.length }];
  if (split) out.push({ slot: 'resellerCompany', value: split.company, start: start + name.length, end: start + body.length });
  return out;
}

/** After a role phrase: "moi, ", "me, ", "我，" before the name itself. */
const SELF_THEN_NAME = /^\s*(?:c'est\s+|est\s+|is\s+|是)?(?:moi|me|myself|我)\s*[,，:：]\s*/u;
/** "Amélie Roche est le contact technique", "Ana Ruiz is the tech contact": a capitalised name, a copula, an article. */
const NAME_BEFORE_ROLE = /(?:^|[\s,;:.!?，。；：！？])(\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:de|du|le|la|van|von|da|di)\s+)?\p{Lu}[\p{L}'’-]+){1,3})\s+(?:est|sera|is|will be)\s+(?:(?:le|la|l'|the|our|notre|leur|their)\s*)?$/u;
const HAN_NAME_BEFORE_ROLE = /(?:^|[\s,;:.!?，。；：！？])(\p{Script=Han}{2,4})(?:是|为)$/u;

/**
 * The name said before its role ("Amélie Roche est le contact technique", "Ana Ruiz is the
 * technical contact", "吴倩是授权联系人"), the role ending its clause.
 */
function nameThenRole(text: string, folded: string, lang: Lang, taken: (s: Span) => boolean): FoundValue[] {
  const out: FoundValue[] = [];
  const copula = /(?:\s+(?:est|is|c'est)|\s*[:：]|是|为)$/u;
  for (const slot of PERSON_SLOTS) {
    const roles = [...new Set(allLangs(formTurnWords().selfIntro[slot], lang).map((p) => foldText(p).replace(copula, '')))].filter(
      (r) => r.length >= 4 && !/^(?:i|i'm|je|moi|me|my|mon|我|本人|this|ici|bonjour|salut)\b/u.test(r),
    );
    for (const role of roles) {
      for (const at of findAlias(folded, role)) {
        if (taken(at) || out.some((o) => o.end > at.start && o.start < at.end) || !/^\s*(?:[,.;!?，。；！？]|$)/u.test(folded.slice(at.end))) continue;
        const before = text.slice(0, at.start);
        const m = HAN.test(role) ? HAN_NAME_BEFORE_ROLE.exec(before) : NAME_BEFORE_ROLE.exec(before);
        const name = m?.[1];
        if (!name || !isPlausiblePersonName(name, lang) || hasLegalForm(name)) continue;
        const start = before.lastIndexOf(name);
        out.push({ slot, value: name, start, end: at.end });
      }
    }
  }
  return out;
}

/** "Northgate is the company", "Onyx est notre société": a capitalised company, a copula, a possessive or an article, then the role. */
const COMPANY_BEFORE_ROLE = /(?:^|[,;:.!?，。；：！？]\s*|\s(?:and|et)\s+)(\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}&'’.-]*|&|of|de|du|des|and|et)){0,5})\s+(?:is|est|c'est|will be|sera)\s+(?:(?:the|our|my|notre|ma|mon|la|le|l')\s*)?$/u;
/** "北辰软件是我们公司": the company right before 是 and the role. */
const HAN_COMPANY_BEFORE_ROLE = /(?:^|[\s,;:.!?，。；：！？])(\p{Script=Han}[\p{Script=Han}A-Za-z0-9]{1,19})就?是$/u;

let companyRoles: string[] | undefined;
/** The reseller company's role words without copula or possessive ("our company is" → "company", "我们公司是" → "我们公司"). */
function companyRoleWords(): string[] {
  if (companyRoles) return companyRoles;
  const copula = /(?:\s+(?:est|is|c'est)|\s*[:：]|是|为)$/u;
  const roles = (['en', 'fr', 'zh'] as const)
    .flatMap((l) => formTurnWords().selfIntro.resellerCompany[l])
    .map((p) => foldText(p).replace(copula, '').replace(/^(?:my|our|the|ma|mon|notre|la|le)\s+/u, ''))
    .filter((r) => r.length >= 2 && !/^(?:i|i'm|je|moi|me)\b|\s(?:for|with|chez|pour|a moi)$/u.test(r));
  companyRoles = [...new Set(roles)].sort((a, b) => b.length - a.length);
  return companyRoles;
}

/**
 * The reseller's company said before its role ("my name is Tom Baker, Westmoor is the company",
 * "Onyx est notre société", "北辰软件是我们公司"), the role ending its clause: what comes after
 * the clause ("And it's Standard edition") is never the company.
 */
function companyThenRole(text: string, folded: string, lang: Lang, taken: (s: Span) => boolean): FoundValue[] {
  for (const role of companyRoleWords()) {
    for (const at of findAlias(folded, role)) {
      if (taken(at) || !/^\s*(?:[,.;!?，。；！？]|$)/u.test(folded.slice(at.end))) continue;
      const before = text.slice(0, at.start);
      const m = HAN.test(role) ? HAN_COMPANY_BEFORE_ROLE.exec(before) : COMPANY_BEFORE_ROLE.exec(before);
      const value = m?.[1]?.trim();
      if (!value || !isPlausibleOrganization(value, lang) || findProducts(value).length > 0 || findEditions(value).length > 0 || ROLE_NOUNS.has(value)) continue;
      const start = before.lastIndexOf(value);
      return [{ slot: 'resellerCompany', value, start, end: at.end }];
    }
  }
  return [];
}

/** The last words of the customer's role phrases ("customer", "client"): "customer company Acme" is not the reseller's company. */
let customerWords: Set<string> | undefined;
function customerRoleWords(): Set<string> {
  customerWords ??= new Set(
    (['en', 'fr'] as const).flatMap((l) => formTurnWords().selfIntro.endUserOrganization[l]).map((p) => foldText(p).replace(/[\s:：]+$/u, '').split(/\s+/u).at(-1)!),
  );
  return customerWords;
}

export function findPeople(text: string, lang: Lang): FoundValue[] {
  const folded = foldText(text);
  const intro = formTurnWords().selfIntro;
  const found: FoundValue[] = nameThenHere(text, lang);
  const taken = (s: Span) => found.some((f) => s.start < f.end && f.start < s.end);
  // Every role phrase of every slot, longest first: "最终用户单位" (the organisation) wins over
  // "最终用户" (the person), "ma société à moi c'est" over "moi c'est".
  for (const { slot, kind, phrase, generic } of rolePhrases(lang, intro)) {
    for (const at of findAlias(folded, phrase)) {
      if (taken(at)) continue;
      // "customer company Acme Ltd": a company word after the customer's is the customer's.
      const previous = /(\S+)\s+$/u.exec(folded.slice(0, at.start))?.[1];
      if (slot === 'resellerCompany' && previous && customerRoleWords().has(previous)) continue;
      // A bare "company" names the reseller's only as a label opening its clause ("… . company Crestline
      // Tech, …"): "for the company Acme Ltd" is whoever the request is for.
      if (slot === 'resellerCompany' && /^[a-z]+$/u.test(phrase) && !/(?:^|[,;:.!?，。；：！？]|\b(?:and|et))\s*$/u.test(folded.slice(0, at.start))) continue;
      // "le revendeur c'est moi, Karim Benali": the pointer to oneself is skipped, the name follows.
      const pointer = /(?:我|\bmoi|\bme)$/u.test(phrase) ? /^\s*[,，:：]\s*/u : SELF_THEN_NAME;
      const self = kind === 'person' ? (pointer.exec(folded.slice(at.end))?.[0].length ?? 0) : 0;
      // "client final Durand SA": read as a company, the value holds a legal form: the party's organisation.
      const asCompany = kind === 'person' ? valueAfter(text, folded, at.end + self, 'company', lang) : undefined;
      const legal = asCompany && hasLegalForm(companyOnly(text.slice(asCompany.start, asCompany.end).trim())) ? asCompany : undefined;
      const span = legal ?? valueAfter(text, folded, at.end + self, kind, lang);
      if (!span || taken(span)) continue;
      // "站点管理员是她的职位": what a pronoun owns ("her position") is no one's name.
      if (kind === 'person' && /[她他它我你]的/u.test(folded.slice(at.end, span.start))) continue;
      const value = kind === 'company' || legal ? companyOnly(text.slice(span.start, span.end).trim()) : text.slice(span.start, span.end).trim();
      if (!value) continue;
      // "the client name is Contoso Ltd": a legal form makes it the party's organisation, not a person.
      const company = kind === 'person' && hasLegalForm(value);
      const target = company ? ORGANISATION_OF[slot] : slot;
      if (!target) continue;
      const plausible = kind === 'person' && !company ? isPlausiblePersonName(value, lang) : isPlausibleOrganization(value, lang);
      // In a free sentence a Latin name or company is capitalised ("contact technique Pierre Martin"):
      // "c'est quoi le délai" names nobody.
      const shaped = HAN.test(value) || (/^[\p{Lu}\d]/u.test(value) && (kind === 'person' || findProducts(value).length === 0));
      if (plausible && shaped) found.push({ slot: target, value, start: at.start, end: span.end, ...(generic && { generic }) });
    }
  }
  // "客户华辰制造的…", "cust = …", "c'est un JSM DC chez Crédit …": the customer's organisation without a role phrase of its own.
  if (!found.some((f) => f.slot === 'endUserOrganization')) {
    const bare = [
      ...findHanCustomer(text, taken).map((f) => ({ ...f, tentative: true })),
      ...findLedCustomer(text, lang, taken, (from) => ledCompany(text, folded, from, lang)),
    ];
    const first = bare.sort((a, b) => a.start - b.start)[0];
    if (first) found.push({ slot: 'endUserOrganization', ...first });
  }
  found.push(...nameThenRole(text, folded, lang, taken));
  if (!found.some((f) => f.slot === 'resellerCompany')) found.push(...companyThenRole(text, folded, lang, taken));
  // "我是上海云桥的张伟": the part before 的 is the reseller's company.
  const self = found.find((f) => f.slot === 'resellerName' && HAN.test(f.value));
  if (self && !found.some((f) => f.slot === 'resellerCompany')) {
    const lead = text.slice(self.start, text.indexOf(self.value, self.start));
    const role = intro.resellerName.zh.filter((p) => lead.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';
    const head = /^([^，,。；;\s]{2,20})的\s*$/u.exec(lead.slice(role.length))?.[1];
    // "我是代理商的王磊": a role word ("代理商", "经销商") is no company name.
    if (head && isPlausibleOrganization(head, lang) && !ROLE_NOUNS.has(head)) found.push({ slot: 'resellerCompany', value: head, start: self.start, end: self.start });
  }
  // "Julien Moreau de Softeam": right after the reseller's own name, a company of theirs.
  const reseller = found.find((f) => f.slot === 'resellerName');
  if (reseller && !found.some((f) => f.slot === 'resellerCompany')) {
    // Past an email in brackets and a comma: "Hélène Marchand (h.marchand@lyon-tic.fr), société Lyon TIC".
    const skipped = /^\s*(?:\([^)]{0,120}\)|[^\s@,]{1,64}@[^\s,]{1,120})?\s*[,，]?/u.exec(folded.slice(reseller.end))?.[0].length ?? 0;
    const tail = folded.slice(reseller.end + skipped);
    const lead = skipped + tail.length - tail.trimStart().length;
    for (const word of [...allLangs(formTurnWords().companyAfterName, lang)].sort((a, b) => b.length - a.length)) {
      const w = foldText(word);
      const glued = w.endsWith("'");
      const rest = folded.slice(reseller.end + lead);
      if (!rest.startsWith(w) || (!glued && /[\p{L}]/u.test(rest[w.length] ?? ''))) continue;
      const at = reseller.end + lead + w.length;
      const span = valueAfter(text, folded, at, 'company', lang);
      const value = span && text.slice(span.start, span.end).trim();
      if (span && value && isPlausibleOrganization(value, lang) && /^[\p{Lu}\d]/u.test(value) && findProducts(value).length === 0) {
        found.push({ slot: 'resellerCompany', value, start: reseller.end, end: span.end });
        // "Hélène Marchand, société Lyon TIC": right after the reseller, "société" is theirs, not the customer.
        const own = found.findIndex((f) => f.slot === 'endUserOrganization' && f.start >= reseller.end && f.start < span.end);
        if (own >= 0) found.splice(own, 1);
      }
      break;
    }
    // "I'm Ann Lee, Acme Resell, ann@…", "我叫陈静，深圳蓝海软件，chenjing@…": in a comma list between
    // the reseller's name and an email (or the end), their company.
    const listed = found.some((f) => f.slot === 'resellerCompany') ? null : COMMA_COMPANY.exec(text.slice(reseller.end));
    const value = listed?.[1]?.trim();
    if (listed && value && isListedCompany(value, lang)) {
      const start = reseller.end + listed.index + listed[0].indexOf(listed[1]!);
      found.push({ slot: 'resellerCompany', value, start, end: start + listed[1]!.trimEnd().length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * "…co-termed to 30 Nov 2027. Rob Hale, Castleford Software, rob@castleford.example": a message
 * that ends with a sentence of only a name, a company and an email (or a name and an email) is
 * signed by its writer, the reseller. Only that last sentence, only when it holds nothing else
 * and no reseller is named otherwise (the caller checks): a role word before it ("Contact : …")
 * makes it that role's, not a signature.
 */
export function findSignature(text: string, lang: Lang, options: { whole?: boolean } = {}): FoundValue[] {
  const end = text.replace(/[\s.!。！]+$/u, '').length;
  const body = text.slice(0, end);
  const found = Math.max(...[...body.matchAll(/(?<=[.!?。！？])\s+|(?<=[。！？])|\n/gu)].map((m) => m.index + m[0].length), -1);
  // A whole message that is only a signature opens nothing: there must be a request before it
  // (`whole`: the message is read as nothing but the signature — a reseller introducing themself).
  if (options.whole ? found > 0 : found <= 0) return [];
  const cut = Math.max(found, 0);
  // "Thanks, Rob Hale, …", "Merci, Marc Baudin, …": a sign-off before the signature is not part of it.
  const folded = foldText(body.slice(cut));
  const signOff = allLangs(formTurnWords().openingWords.signOffs, lang)
    .map(foldText)
    .filter((w) => folded.trimStart().startsWith(w) && /^\s*[,，!！:：]/u.test(folded.trimStart().slice(w.length)))
    .sort((a, b) => b.length - a.length)[0];
  const skip = signOff === undefined ? 0 : folded.length - folded.trimStart().length + signOff.length + (/^\s*[,，!！:：]/u.exec(folded.trimStart().slice(signOff.length))?.[0].length ?? 0);
  const from = cut + skip;
  const sentence = body.slice(from);
  const m = /^(\s*)([^,，@]{2,60}?)\s*[,，]\s*(?:([^,，@]{2,60}?)\s*[,，]\s*)?([^\s,，@]{1,64}@[^\s,，@]{1,200})$/u.exec(sentence);
  if (!m) return [];
  const [, lead = '', name = '', company] = m;
  const start = from + lead.length;
  return signatureValues(lang, name, start, company, company === undefined ? -1 : from + sentence.indexOf(company, lead.length + name.length));
}

/**
 * "Hi, Tom Becker, Northwind IT Ltd, tom@… - need a cloud quote…", "Bonjour, Nathalie Girard
 * (Optimum Services, n.girard@…). Je veux…": the same signature opening the message, after a
 * greeting, ended by a dash, a full stop or a colon, with the request after it.
 */
export function findLeadingSignature(text: string, lang: Lang): FoundValue[] {
  const folded = foldText(text);
  const greeting = allLangs(formTurnWords().openingWords.greetings, lang)
    .map(foldText)
    .filter((w) => folded.startsWith(w) && /^[\s,，!！:：]/u.test(folded.slice(w.length)))
    .sort((a, b) => b.length - a.length)[0];
  const skip = greeting === undefined ? 0 : greeting.length + (/^[\s,，!！:：]+/u.exec(text.slice(greeting.length))?.[0].length ?? 0);
  const body = text.slice(skip);
  const m = /^(\s*)([^,，@()（）]{2,60}?)\s*[,，(（]\s*(?:([^,，@()（）]{2,60}?)\s*[,，]\s*)?([^\s,，@()（）]{1,64}@[^\s,，@()（）]{1,200}?)[)）]?\s*(?:[.。;；:：!！\n]|[-—–]\s)\s*(\S[\s\S]{2,})$/u.exec(body);
  if (!m) return [];
  const [, lead = '', name = '', company] = m;
  const start = skip + lead.length;
  return signatureValues(lang, name, start, company, company === undefined ? -1 : skip + body.indexOf(company, lead.length + name.length));
}

/** A signature's name (and company) when each is shaped like one; nothing otherwise. */
function signatureValues(lang: Lang, name: string, start: number, company: string | undefined, companyStart: number): FoundValue[] {
  const han = HAN.test(name);
  const words = name.split(/\s+/u).length;
  if (!isPlausiblePersonName(name, lang) || hasLegalForm(name) || (!han && (words < 2 || words > 4 || !name.split(/\s+/u).every((w) => /^\p{Lu}/u.test(w) || formTurnWords().nameParticles.all.includes(w))))) return [];
  if (han && [...name].length > 4) return [];
  const out: FoundValue[] = [{ slot: 'resellerName', value: name, start, end: start + name.length }];
  if (company !== undefined) {
    // "Tarnwood IT": a signature's company may hold one word that is also a sentence word.
    const shaped = HAN.test(company) || (/^[\p{Lu}\d]/u.test(company) && company.split(/\s+/u).length <= 6);
    if (!isPlausibleOrganization(company, lang) || findProducts(company).length > 0 || !shaped) return [];
    out.push({ slot: 'resellerCompany', value: company, start: companyStart, end: companyStart + company.length });
  }
  return out;
}

/** A company after a lead word of organisations.json ("cust = Harrow Bank"), shaped like one. */
function ledCompany(text: string, folded: string, from: number, lang: Lang): CustomerFound | undefined {
  const span = valueAfter(text, folded, from, 'company', lang);
  if (!span) return undefined;
  const value = companyOnly(text.slice(span.start, span.end).trim());
  if (!value || !/^[\p{Lu}\d]/u.test(value) || findProducts(value).length > 0 || !isPlausibleOrganization(value, lang)) return undefined;
  // "commandé chez Atlassian l'an dernier": the vendor is never the customer.
  const folded0 = foldText(value);
  if (organisationWords().notValues.some((v) => folded0 === v || folded0.startsWith(`${v} `))) return undefined;
  return { start: span.start, end: span.end, value };
}

/** What a reseller calls themselves or the other party, never a company's name. */
const ROLE_NOUNS: ReadonlySet<string> = new Set(['代理商', '经销商', '渠道商', '合作伙伴', '分销商', '客户', '公司', '我们公司', '贵公司', '服务商']);

/** ", Acme Resell, ann@…" / "，深圳蓝海软件，chenjing@…" / ", Acme Resell." right after a name. */
const COMMA_COMPANY = /^\s*[,，]\s*([^,，;；。.!?！？@()（）\n]{2,60}?)\s*(?:[,，]\s*(?=[^\s@,，]{1,64}@)|[.。!！]?\s*$)/u;

function isListedCompany(value: string, lang: Lang): boolean {
  if (!isPlausibleOrganization(value, lang) || findProducts(value).length > 0 || sentenceWordCount(value) > 0) return false;
  return HAN.test(value) || (/^[\p{Lu}\d]/u.test(value) && value.split(/\s+/u).length <= 6);
}

/**
 * "Bâtiments Roussel de Standard à Premium": a company name ends before an edition or a product
 * named after it, and the particle before that ("de", "from") goes with it.
 */
function companyOnly(value: string): string {
  const words = value.split(/\s+/u);
  const stop = words.findIndex((w, i) => i > 0 && (findEditions(w, 'cloud').length > 0 || findProducts(w).length > 0));
  const kept = stop < 0 ? [...words] : words.slice(0, stop);
  while (kept.length > 1 && /^(?:de|du|des|d'|of|from|the|a|à|au|et|and|en|to|sur|on)$/iu.test(kept.at(-1)!)) kept.pop();
  // "our client Contoso's Jira": the possessive is not part of the name.
  return kept.join(' ').replace(/(?<=\p{L})['’]s$/u, '');
}

/** The organisation of the party a person slot belongs to ("Contoso Ltd" said as the client's name). */
export const ORGANISATION_OF: Partial<Record<SlotName, SlotName>> = { endUserName: 'endUserOrganization', resellerName: 'resellerCompany' };


/** Slot of the email for each name slot: an email right after a name is that person's. */
export const EMAIL_OF_PERSON: Record<PersonSlot, SlotName> = {
  resellerName: 'resellerEmail',
  technicalContactName: 'technicalContactEmail',
  endUserName: 'endUserEmail',
  authorizedContactName: 'authorizedContactEmail',
};

export const isPersonSlot = (slot: SlotName): slot is PersonSlot => (PERSON_SLOTS as readonly string[]).includes(slot);

/**
 * "Sophie Marchand de chez Numérik Partenaires" typed at the reseller's name prompt: the name,
 * and the company after it. Only when both halves have their shape (a name of 2–3 words, a
 * capitalised company): "Jean de la Fontaine" stays one name.
 */
export function splitNameAndCompany(value: string, lang: Lang): { name: string; company: string } | undefined {
  const folded = foldText(value);
  for (const word of allLangs(formTurnWords().companyAfterName, lang).map(foldText).sort((a, b) => b.length - a.length)) {
    if (/\p{Script=Han}/u.test(word)) continue;
    const at = folded.indexOf(` ${word} `);
    if (at <= 0) continue;
    const name = value.slice(0, at).trim();
    const company = value.slice(at + word.length + 2).trim();
    const words = name.split(/\s+/u).length;
    if (words >= 2 && words <= 3 && isPlausiblePersonName(name, lang) && /^[\p{Lu}\d]/u.test(company) && isPlausibleOrganization(company, lang) && findProducts(company).length === 0) {
      return { name, company };
    }
  }
  return undefined;
}

/**
 * "le contact technique c'est moi", "the tech contact is me", "技术联系人是我": the roles the text
 * gives to the user themself (the reseller), for a correction to copy the reseller's details.
 */
export function findSelfReferences(text: string, lang: Lang): PersonSlot[] {
  const folded = foldText(text);
  const words = formTurnWords();
  const selves = allLangs(words.selfRef, lang).map(foldText).sort((a, b) => b.length - a.length);
  const out: PersonSlot[] = [];
  for (const slot of PERSON_SLOTS) {
    if (slot === 'resellerName') continue;
    for (const phrase of allLangs(words.selfIntro[slot], lang)) {
      for (const at of findAlias(folded, foldText(phrase))) {
        const rest = folded.slice(afterCopula(folded, at.end, lang)).trimStart();
        // The word ends there: "是我" but not "是我们公司的…".
        const self = selves.find((s) => rest.startsWith(s) && !/[\p{L}\p{N}]/u.test(rest[s.length] ?? ''));
        if (self && !out.includes(slot)) out.push(slot);
      }
    }
  }
  return out;
}
