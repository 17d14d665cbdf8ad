/**
 * Emails and SENs inside free text: masked before logs and the FAQ log store a message, and
 * looked for to tell a request ("renew SEN-L1234567?") from a question.
 *
 * Every quantifier is bounded. The unbounded `[\w.+-]+@…` these replace was retried from every
 * position of a long word and scanned it to its end each time: quadratic, 0.9 s for one
 * 20,000-character message, during which the bot answered nobody. Bounded, each position costs
 * at most 64 steps, so the cost is linear in the text.
 */
export const EMAIL_PATTERN = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/;
export const SEN_PATTERN = /\bSEN[-\s]?[A-Z]?\d{5,12}\b/i;

const EMAILS = new RegExp(EMAIL_PATTERN, 'g');
const SENS = new RegExp(SEN_PATTERN, 'gi');

/** The text with every email and SEN replaced by a placeholder. */
export function maskPersonalData(text: string, placeholders = { email: '[email]', sen: '[SEN]' }): string {
  return text.replace(EMAILS, placeholders.email).replace(SENS, placeholders.sen);
}
