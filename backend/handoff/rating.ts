/** Chinese numerals a user may type for a score. */
const HAN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/**
 * A 1–5 score from free text: "4", "4/5", "５", "⭐⭐⭐", "五分", "4 étoiles".
 * Undefined when the text holds no single clear score.
 */
export function parseRating(text: string): number | undefined {
  const s = text.normalize('NFKC').trim();
  const stars = [...s.matchAll(/[⭐★]/gu)].length;
  if (stars >= 1 && stars <= 5) return stars;
  const digits = s.match(/(?<!\d)[1-5](?!\d)/g);
  if (digits?.length === 1 || (digits?.length === 2 && digits[1] === '5' && /\/\s*5/.test(s))) return Number(digits[0]);
  const han = [...s].filter((c) => c in HAN_DIGITS);
  if (han.length === 1 && s.length <= 4) return HAN_DIGITS[han[0]!];
  return undefined;
}
