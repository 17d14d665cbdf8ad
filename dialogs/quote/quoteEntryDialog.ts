import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../sdk.js';
import { turnInfo } from '../../bot/turn.js';
import { LANGS } from '../../knowledge/lang.js';
import { foldText } from '../../knowledge/nlu/index.js';
import { isQuoteKind, type QuoteKind } from '../../knowledge/quoteTypes.js';
import { normalizeInput, stripEndPunctuation } from '../validators/normalize.js';
import { deploymentOf, extractQuoteSlots, isNewWord, type QuoteAction } from '../validators/index.js';
import { ChoicePromptDialog, type Choice, type ChoicePromptOptions } from './choicePromptDialog.js';
import { CLOUD_QUOTE_DIALOG, CloudQuoteDialog } from './cloudQuoteDialog.js';
import { COTERM_DIALOG, CotermDialog } from './cotermDialog.js';
import { DATA_CENTER_QUOTE_DIALOG, DataCenterQuoteDialog } from './dataCenterQuoteDialog.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import { renderMessage } from './formReplies.js';
import { fitSlotsToKind, KIND_MENUS } from './quoteDetection.js';
import { notedFacts, unheldSlots } from './summaryCard.js';
import { kindSpec, nextSlot, slotsOf } from '../validators/index.js';
import { toDraft, type FilledSlots, type QuoteDraft } from './quoteDraft.js';
import { QUOTE_ENTRY_DIALOG } from './quoteEntryId.js';
import { saysSameCustomer } from './interpret/sameCustomer.js';

export { QUOTE_ENTRY_DIALOG } from './quoteEntryId.js';

/** Kept between the entry's steps. */
interface EntryValues {
  draft: QuoteDraft;
}
const STEPS = 'quote.entry.steps';
const KIND_CHOICE = 'quote.entry.kind';

const familyOf = (kind: QuoteKind): string =>
  kind === 'coterm' ? COTERM_DIALOG : deploymentOf(kind) === 'cloud' ? CLOUD_QUOTE_DIALOG : DATA_CENTER_QUOTE_DIALOG;

/** What each kind is, in the words a short answer uses ("new DC licence", "数据中心", "Nouvelle licence"). */
const KIND_ACTION: Record<QuoteKind, QuoteAction[]> = {
  'dc-new': ['new'],
  'cloud-new': ['new'],
  'cloud-existing': ['new', 'quote'],
  'dc-renewal': ['renewal'],
  'cloud-renewal': ['renewal'],
  'dc-upgrade': ['upgrade'],
  'cloud-upgrade': ['upgrade'],
  coterm: ['coterm'],
};

/**
 * A typed answer to the kind question: "renouvellement cloud", "DC 升级 SEN-L1234567" pick one
 * kind; a shorter one ("Data Center", "new licence", "新许可证") narrows the choices to the kinds
 * it fits, and the question is asked again with those only.
 */
const MENU_KEYS = ['common:menu.quote', 'common:menu.renew'] as const;

function kindFromText(text: string, context: TurnContext, choices: Choice[]): ({ value: string; slots: FilledSlots } | { narrow: string[] }) | undefined {
  const { lang, t } = turnInfo(context);
  // "Get a quote" pressed again (a double tap on the menu): the same question, no kind guessed from "quote".
  const said = foldText(stripEndPunctuation(normalizeInput(text)));
  if (MENU_KEYS.some((key) => LANGS.some((lng) => foldText(t(key, { lng })) === said))) return { narrow: choices.map((c) => c.value) };
  const extracted = extractQuoteSlots(text, lang);
  if (extracted.kind && choices.some((c) => c.value === extracted.kind)) return { value: extracted.kind, slots: extracted.slots };
  const { deployment, action } = extracted.intent;
  const fresh = action ?? (isNewWord(text, lang) ? 'new' : undefined);
  const fits = choices.filter((c) => {
    const kind = c.value as QuoteKind;
    return (!deployment || deploymentOf(kind) === deployment || (deployment === 'server' && deploymentOf(kind) === 'data-center')) && (!fresh || KIND_ACTION[kind].includes(fresh));
  });
  if (!deployment && !fresh) return undefined;
  if (fits.length === 1) return { value: fits[0]!.value, slots: extracted.slots };
  return fits.length > 1 && fits.length < choices.length ? { narrow: fits.map((c) => c.value) } : undefined;
}

/**
 * "contact Marc Baudin marc@baudin.fr", said without a role: the customer's person, given to the
 * first customer-side contact the kind asks for (the end user of a cloud subscription or a
 * renewal, the technical contact of a Data Center licence, the authorised contact of a site),
 * when the sentence did not fill it already. A kind with none keeps them in the notes
 * (`forNotes`: as the end user, whose label says whose they are).
 */
function withContact(kind: QuoteKind, given: FilledSlots, contact: QuoteDraft['contact'], forNotes = false): FilledSlots {
  if (!contact) return given;
  const pairs = [
    ['endUserName', 'endUserEmail'],
    ['technicalContactName', 'technicalContactEmail'],
    ['authorizedContactName', 'authorizedContactEmail'],
  ] as const;
  const spec = slotsOf(kind);
  const required = new Set<string>(kindSpec(kind).required.flat());
  const open = pairs.filter(([name, email]) => spec.includes(name) && spec.includes(email) && !given[name] && !given[email]);
  const free = open.find(([name]) => required.has(name)) ?? open[0];
  if (!free) return forNotes ? { ...given, ...(contact.name && !given.endUserName && { endUserName: contact.name }), ...(contact.email && !given.endUserEmail && { endUserEmail: contact.email }) } : given;
  if (forNotes) return given;
  return { ...given, ...(contact.name && { [free[0]]: contact.name }), ...(contact.email && { [free[1]]: contact.email }) };
}

/**
 * Way in to every quote request (menu buttons, free text, FAQ follow-ups): shows what the
 * opening sentence broke (Server, monthly cloud), picks the kind — from the sentence when it
 * says, else with buttons — and hands the draft to the kind's family dialog.
 */
export class QuoteEntryDialog extends ComponentDialog {
  constructor(private readonly deps: QuoteDialogDeps) {
    super(QUOTE_ENTRY_DIALOG);
    this.addDialog(new ChoicePromptDialog(KIND_CHOICE, kindFromText));
    this.addDialog(new CloudQuoteDialog(deps));
    this.addDialog(new DataCenterQuoteDialog(deps));
    this.addDialog(new CotermDialog(deps));
    this.addDialog(new WaterfallDialog<object>(STEPS, [this.askKindStep.bind(this), this.startFamilyStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Explains refused parts of the opening sentence, then asks the kind if the sentence did not say. */
  private async askKindStep(step: WaterfallStepContext<object>): Promise<DialogTurnResult> {
    const { t, lang, intent } = turnInfo(step.context);
    const given = toDraft(step.options);
    const draft: QuoteDraft = { ...given, notices: [], ...(intent?.intent === 'renew' && !given.kind && { menu: 'renew' as const }) };
    for (const notice of given.notices) await step.context.sendActivity(renderMessage(t, lang, notice));
    (step.values as EntryValues).draft = draft;
    // Started from a sentence or an FAQ button: say which form this is before its first question.
    if (draft.kind) {
      await step.context.sendActivity(t('quoteDialog:prefill.started', { kind: t(`quote:kind.${draft.kind}`) }));
      return step.next();
    }
    const kinds = KIND_MENUS[draft.menu].filter((k) => !draft.deployment || draft.deployment === 'server' || deploymentOf(k) === draft.deployment || k === 'coterm');
    const options: ChoicePromptOptions = {
      promptKey: 'quote:ask.kind',
      retryKey: 'quoteDialog:kind.invalid',
      choices: (kinds.length > 0 ? kinds : KIND_MENUS.all).map((k) => ({ value: k, labelKey: `quote:kind.${k}` })),
    };
    return step.beginDialog(KIND_CHOICE, options);
  }

  /** Keeps only the slots the chosen kind holds and starts its family dialog. */
  private async startFamilyStep(step: WaterfallStepContext<object>): Promise<DialogTurnResult> {
    const picked = step.result as { value?: unknown; slots?: FilledSlots } | undefined;
    const before = (step.values as EntryValues).draft;
    const kind = before.kind ?? (isQuoteKind(picked?.value) ? picked.value : undefined);
    if (!kind) return step.endDialog();
    const { t, lang } = turnInfo(step.context);
    // The reseller's own details from earlier in this conversation; what this request says wins.
    const known = (await this.deps.reseller?.recall(step.context)) ?? {};
    // "on recommence : … même client", "now another one: …, same customer": the previous request's customer.
    const sameCustomer = saysSameCustomer(step.context.activity.text ?? '', lang) ? await this.deps.reseller?.recallCustomer(step.context) : undefined;
    const given: FilledSlots = { ...picked?.slots, ...before.slots };
    // Who the reseller is (and their customer) is kept from the opening sentence too: a start over keeps them.
    await this.deps.reseller?.remember(step.context, given);
    const fitted = fitSlotsToKind(kind, { ...known, ...sameCustomer, ...withContact(kind, given, before.contact) });
    // "客户海川电子要新买…": a name read without its role phrase is asked anyway where the kind requires it (the full legal name).
    const required = new Set(kindSpec(kind).required.flat());
    for (const slot of before.tentative ?? []) if (required.has(slot) && before.slots[slot] === fitted.slots[slot]) delete fitted.slots[slot];
    // What no field holds stays structured (worded in the notes of each summary, in its language).
    const unheld = unheldSlots(kind, withContact(kind, given, before.contact, true));
    const draft: QuoteDraft = { ...before, kind, slots: fitted.slots, unheld };
    for (const notice of fitted.notices) await step.context.sendActivity(renderMessage(t, lang, notice));
    // Nothing left to ask: the summary comes next and says it all, with one line before it (not the same list twice).
    const complete = nextSlot(kind, draft.slots) === undefined;
    const noted = complete ? t('quoteDialog:prefill.allNoted') : notedFacts(t, lang, draft);
    if (noted) await step.context.sendActivity(noted);
    if (kind === 'cloud-new') await step.context.sendActivity(t('quote:notice.cloudTrial'));
    return step.beginDialog(familyOf(kind), draft);
  }

  /** The family dialog ended (filed, cancelled): so does the quote. */
  private async finishStep(step: WaterfallStepContext<object>): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
