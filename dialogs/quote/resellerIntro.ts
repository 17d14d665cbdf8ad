import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { BotState } from '../../bot/state.js';
import { turnInfo } from '../../bot/turn.js';
import type { Lang } from '../../knowledge/lang.js';
import { looksLikeQuestion } from '../../knowledge/language/question.js';
import { withMenu } from '../messages.js';
import { extractQuoteSlots, findEmails, normalizeInput } from '../validators/index.js';
import { findSignature } from '../validators/people.js';
import { detectQuoteRequest } from './quoteDetection.js';
import type { ResellerDetails, ResellerMemory } from './resellerMemory.js';

const OWN = ['resellerName', 'resellerCompany', 'resellerEmail'] as const;

/**
 * "Tom Becker, Northwind IT Ltd, tom@northwind.example", "Je suis Inès Garnier de Cap
 * Numérique, ines@…", "李娜，广州博远信息，lina@…" as a whole message: the reseller introducing
 * themself — a name and an email (and a company), nothing else, no question, no request.
 */
export function readSelfIntroduction(text: string, lang: Lang): ResellerDetails | undefined {
  const input = normalizeInput(text);
  if (!input || looksLikeQuestion(input) || detectQuoteRequest(input, lang) || findEmails(input).length !== 1) return undefined;
  const { slots } = extractQuoteSlots(input, lang);
  const given = Object.keys(slots).filter((k) => slots[k as keyof typeof slots] !== undefined);
  if (given.includes('resellerName') && given.includes('resellerEmail') && given.every((k) => (OWN as readonly string[]).includes(k))) {
    return Object.fromEntries(OWN.filter((k) => typeof slots[k] === 'string').map((k) => [k, slots[k]])) as ResellerDetails;
  }
  if (given.length > 0 && !given.every((k) => (OWN as readonly string[]).includes(k) || k === 'endUserEmail')) return undefined;
  const signature = findSignature(input, lang, { whole: true });
  const name = signature.find((s) => s.slot === 'resellerName')?.value;
  if (typeof name !== 'string') return undefined;
  const company = signature.find((s) => s.slot === 'resellerCompany')?.value;
  return { resellerName: name, ...(typeof company === 'string' && { resellerCompany: company }), resellerEmail: findEmails(input)[0]! };
}

/**
 * A reseller's self-introduction outside any dialog (black-box round 11, F30) is no FAQ
 * question: it is acknowledged and remembered, so the quote that follows starts with it (the
 * same memory as a second request's, dialogs/quote/resellerMemory.ts).
 */
export function resellerIntroMiddleware(state: BotState, reseller: ResellerMemory): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type !== ActivityTypes.Message) return next();
      const { t, lang, intent } = turnInfo(context);
      if (intent) return next();
      const details = readSelfIntroduction(context.activity.text ?? '', lang);
      if (!details) return next();
      const stack = (await state.dialogState.get(context))?.dialogStack ?? [];
      if (stack.length > 0) return next();
      await reseller.remember(context, details);
      // The first message of the conversation is greeted as the bot does (bot/bot.ts welcomeOnce), once.
      const data = await state.conversationData.get(context, {});
      if (!data.welcomed) await context.sendActivity(t('common:welcome.greeting', { name: '' }));
      data.welcomed = true;
      // The turn ends here, before the bot's own save: the memory is written now.
      await state.conversationState.saveChanges(context);
      const said = OWN.map((k) => details[k]).filter((v): v is string => typeof v === 'string');
      await context.sendActivity(withMenu(t, t('quoteDialog:intro.noted', { details: said.join(lang === 'zh' ? '，' : ', ') })));
    },
  };
}
