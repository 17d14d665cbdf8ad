/**
 * Long messages carry context about the customer ("we're a small MSP in Leeds, a few clients
 * want…") around the question itself. The sentence that asks counts fully; the others still
 * count, less, because context often names the topic too ("maintenance runs out on the 30th").
 */
export interface Clause { text: string; weight: number }

/** Default weight of a sentence that is context rather than the question (the model's tuning sets it). */
export const CONTEXT_WEIGHT = 0.6;

// A sentence and its end: ! ? ; and their full-width forms, 。, line breaks, or a period before
// a space or the end (so "my.atlassian.com" and "8.x" stay whole).
const SENTENCE = /([^!?！？。;；\n.]|\.(?!\s|$))+([!?！？。;；\n]+|\.(?=\s|$)|$)/gu;
const ASKS = /\b(?:how|what|where|when|which|who|why|can|could|do|does|is|are|should|comment|pourquoi|quel(?:le)?s?|quand|est-ce|peut-on|puis-je|faut-il)\b|吗|呢|怎么|如何|哪|什么|是否|能否|可以|多久|为什么/iu;

export function splitClauses(text: string, contextWeight = CONTEXT_WEIGHT): Clause[] {
  const parts: { text: string; question: boolean }[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const body = match[0].trim();
    if (/[\p{L}\p{N}]/u.test(body)) parts.push({ text: body, question: /[?？]/.test(match[2] ?? '') });
  }
  if (parts.length <= 1) return [{ text, weight: 1 }];
  // No sentence ends with a question mark: the last one that asks, else the last one, is the question.
  if (!parts.some((p) => p.question)) {
    const asking = parts.map((p) => ASKS.test(p.text)).lastIndexOf(true);
    parts[asking >= 0 ? asking : parts.length - 1]!.question = true;
  }
  return parts.map((p) => ({ text: p.text, weight: p.question ? 1 : contextWeight }));
}
