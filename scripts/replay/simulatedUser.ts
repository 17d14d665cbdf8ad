import type { i18n } from 'i18next';
import type { FaqEngine } from '../../knowledge/faq.js';
import type { EvalCase } from '../../knowledge/faqEval.js';
import type { Lang } from '../../knowledge/lang.js';

/** A reply activity as it comes back with `deliveryMode: "expectReplies"`. */
export interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title?: string; value?: unknown }> };
}

/** What a user who knows what they meant does next: nothing, tap a topic, or vote the answer down. */
export type Reaction = { kind: 'none' } | { kind: 'tap'; text: string } | { kind: 'downvote'; text: string };

/**
 * The user of the replay. The bot never sees the label; the user knows what they asked, like a
 * real reseller: offered "did you mean" buttons, they tap their topic if it is there; given an
 * answer about something else (or an answer to a question the bot should have declined), they
 * vote 👎. Otherwise they leave. These are the signals the review queue learns from.
 */
export function reactTo(c: EvalCase, replies: Reply[], engine: FaqEngine, i18n: i18n): Reaction {
  const lang: Lang = c.lang;
  const t = i18n.getFixedT(lang);
  const texts = replies.map((r) => r.text ?? '').join('\n');
  const buttons = replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title ?? '') ?? []);
  const answered = engine.entries().find((e) => texts.includes(e[lang].answer.split('\n')[0]!.slice(0, 60)));
  if (answered) {
    return answered.id === c.expect || !buttons.includes(t('faq:feedback.down')) ? { kind: 'none' } : { kind: 'downvote', text: t('faq:feedback.down') };
  }
  if (texts.includes(t('faq:clarify')) && c.expect) {
    const title = engine.entry(c.expect)?.[lang].title;
    if (title && buttons.includes(title)) return { kind: 'tap', text: title };
  }
  return { kind: 'none' };
}
