/**
 * Emails, SENs and phone numbers inside free text: masked before logs and the FAQ log store a
 * message, and emails and SENs looked for to tell a request ("renew SEN-L1234567?") from a question.
 *
 * Every quantifier is bounded. The unbounded `[\w.+-]+@…` these replace was retried from every
 * position of a long word and scanned it to its end each time: quadratic, 0.9 s for one
 * 20,000-character message, during which the bot answered nobody. Bounded, each position costs
 * at most 64 steps, so the cost is linear in the text.
 *
 * Emails take any Latin letter: with ASCII `\w` only, "zéphyrine.q@exemple.fr" was stored as
 * "zé[email]". Chinese characters are not part of an address ("邮箱是situ@mail.cn" keeps its
 * words), and a full-width ＠ is one. An address starts only where its run of letters starts, so
 * each character is read at most once by the local part (4,000 "é" cost one try, not 4,000),
 * and a local part longer than the standard's 64 characters is still masked whole.
 */
export const EMAIL_PATTERN = /(?<![\p{Script=Latin}\p{N}_.+-])[\p{Script=Latin}\p{N}_.+-]{1,256}[@＠][\p{Script=Latin}\p{N}_-]{1,63}(?:\.[\p{Script=Latin}\p{N}_-]{1,63}){1,8}/u;
export const SEN_PATTERN = /\bSEN[-\s]?[A-Z]?\d{5,12}\b/i;
/**
 * A phone number: "+33 6 12 34 56 78", "06.12.34.56.78", "138 0013 8000": 9 to 15 digits with
 * single separators, starting with +, 0 or 1 (so "2026-12-03 10" or "10 000" are not one),
 * only where a run of digits starts (linear, like the rest).
 */
const PHONES = /(?<![\p{L}\p{N}+])(?:\+\d{1,3}[ .-]?|[01])\d(?:[ .-]?\d){7,13}(?!\p{N})/gu;

const EMAILS = new RegExp(EMAIL_PATTERN, 'gu');
const SENS = new RegExp(SEN_PATTERN, 'gi');

export interface Placeholders {
  email: string;
  sen: string;
  phone: string;
}
const DEFAULT_PLACEHOLDERS: Placeholders = { email: '[email]', sen: '[SEN]', phone: '[phone]' };

/** The text with every email, SEN and phone number replaced by a placeholder. */
export function maskPersonalData(text: string, placeholders: Partial<Placeholders> = {}): string {
  const p = { ...DEFAULT_PLACEHOLDERS, ...placeholders };
  return text.replace(EMAILS, p.email).replace(SENS, p.sen).replace(PHONES, p.phone);
}
