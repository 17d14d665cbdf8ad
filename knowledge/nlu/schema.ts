import { z } from 'zod';

/** Zod schemas of the word lists in knowledge/nlu/*.json (data, editable without code). */

const words = z.array(z.string().min(1));
const perLang = <T extends z.ZodType>(item: T) => z.object({ en: item, fr: item, zh: item });
const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

export const yesNoSchema = z.object({
  $comment: z.string().optional(),
  yes: perLang(words),
  send: perLang(words).extend({ $comment: z.string().optional() }),
  no: perLang(words),
  cancel: perLang(words),
  edit: perLang(words),
});

export const numbersSchema = z.object({
  $comment: z.string().optional(),
  replacements: perLang(z.array(z.object({ pattern: regexSource, replace: z.string() }))),
  userUnits: perLang(words),
  approxWords: perLang(words),
  targetMarkers: perLang(words),
  currentMarkers: perLang(words),
  yearUnits: perLang(words),
  articles: perLang(words),
  peopleDeterminers: perLang(words),
  peopleNouns: perLang(words),
  smallNumbers: perLang(z.record(z.string(), z.number().int().positive())),
  maintenanceCues: perLang(words),
  notMaintenance: perLang(words),
});

export const datesSchema = z.object({
  $comment: z.string().optional(),
  ordinalDaySuffix: perLang(regexSource),
  endOfPeriod: perLang(words),
  cues: perLang(words),
  targetCues: perLang(words),
  currentEndCues: perLang(words),
  renewalDateCues: perLang(words),
  deadlineCues: z.object({ en: words, fr: words, zh: z.array(z.string().min(1)) }),
  deadlineWhen: perLang(words),
  urgency: perLang(words),
});

export const quoteIntentSchema = z.object({
  $comment: z.string().optional(),
  quote: perLang(words),
  renewal: perLang(words),
  upgrade: perLang(words),
  coterm: perLang(words),
  newPurchase: perLang(words),
  noSite: perLang(words),
  existingSite: perLang(words),
  deployment: z.object({ cloud: words, 'data-center': words, server: words }),
  billing: z.object({ monthly: words, annual: words }),
  politeRequest: perLang(words),
  howTo: perLang(words),
  howToSteps: perLang(words),
  siteNegation: z.object({ site: perLang(words), before: perLang(words), after: perLang(words), unsure: perLang(words), urlAfter: perLang(words) }),
  quoteFrames: perLang(z.array(z.tuple([z.string().min(1), z.string().min(1)]))),
  wantProduct: perLang(words),
  adoptProduct: perLang(words),
  newSubscription: perLang(words),
  newSubscriptionFrames: perLang(z.array(z.tuple([z.string().min(1), z.string().min(1)]))),
  newQuote: z.object({ $comment: z.string().optional(), ...perLang(words).shape }),
  countChange: z.object({ from: perLang(words), to: perLang(words) }),
  cotermWithSens: perLang(words),
});

export const paymentSchema = z.object({
  $comment: z.string().optional(),
  card: perLang(words),
  quote: perLang(words),
  inSentence: z.object({ card: perLang(words), quote: perLang(words) }),
});

const perSlotLength = perLang(z.number().int().min(1));
export const freeTextSchema = z.object({
  $comment: z.string().optional(),
  minLength: z.object({ personName: perSlotLength, organization: perSlotLength, billingAddress: perSlotLength }),
  maxLength: z.object({
    personName: z.number().int().positive(),
    organization: z.number().int().positive(),
    billingAddress: z.number().int().positive(),
    notes: z.number().int().positive(),
  }),
  noneWords: perLang(words),
});

export const rolesSchema = z.object({
  $comment: z.string().optional(),
  resellerEmail: words,
  technicalContactEmail: words,
  endUserEmail: words,
  authorizedContactEmail: words,
});

export type PerLang<T> = { en: T; fr: T; zh: T };

const slotPhrases = z.object({
  resellerName: perLang(words),
  technicalContactName: perLang(words),
  endUserName: perLang(words),
  authorizedContactName: perLang(words),
  resellerCompany: perLang(words),
  endUserOrganization: perLang(words),
});

/** knowledge/nlu/formTurns.json: what a message typed at a quote prompt may be besides the answer. */
export const formTurnsSchema = z.object({
  $comment: z.string().optional(),
  correction: perLang(words).extend({ $comment: z.string().optional() }),
  swap: perLang(words).extend({ $comment: z.string().optional() }),
  swapTargets: z.object({ $comment: z.string().optional(), people: perLang(words), emails: perLang(words), names: perLang(words), characters: perLang(words) }),
  restart: perLang(words).extend({ $comment: z.string().optional() }),
  status: z.object({ $comment: z.string().optional(), words: perLang(words), requests: perLang(words), mine: perLang(words), howTo: perLang(words), bare: perLang(words) }),
  dontKnow: perLang(words).extend({ $comment: z.string().optional() }),
  comeBackLater: perLang(words).extend({ $comment: z.string().optional() }),
  canFile: perLang(words).extend({ $comment: z.string().optional() }),
  sameCustomer: perLang(words).extend({ $comment: z.string().optional() }),
  selfIntro: slotPhrases.extend({ $comment: z.string().optional() }),
  nameStop: perLang(words).extend({ $comment: z.string().optional() }),
  sentence: perLang(words).extend({ $comment: z.string().optional() }),
  nameParticles: z.object({ $comment: z.string().optional(), all: words }),
  companyAfterName: perLang(z.array(z.string())).extend({ $comment: z.string().optional() }),
  copulas: perLang(words).extend({ $comment: z.string().optional() }),
  fieldWords: z.record(z.string(), z.union([z.string(), perLang(words)])),
  correctionStrong: perLang(words).extend({ $comment: z.string().optional() }),
  add: perLang(words).extend({ $comment: z.string().optional() }),
  clauseStarts: perLang(words).extend({ $comment: z.string().optional() }),
  sameAs: perLang(words).extend({ $comment: z.string().optional() }),
  sameAsBare: perLang(words).extend({ $comment: z.string().optional() }),
  selfRef: perLang(words).extend({ $comment: z.string().optional() }),
  leadIns: perLang(words).extend({ $comment: z.string().optional() }),
  fillers: perLang(words).extend({ $comment: z.string().optional() }),
  remarks: perLang(words).extend({ $comment: z.string().optional() }),
  addressParts: z.object({ $comment: z.string().optional(), ours: perLang(words), theirs: perLang(words) }),
  noteCues: perLang(words).extend({ $comment: z.string().optional() }),
  vocabulary: perLang(words).extend({ $comment: z.string().optional() }),
  editAlone: perLang(words).extend({ $comment: z.string().optional() }),
  keepAsIs: perLang(words).extend({ $comment: z.string().optional() }),
  alsoRole: perLang(words).extend({ $comment: z.string().optional() }),
  difference: perLang(words).extend({ $comment: z.string().optional() }),
  openingWords: z.object({
    $comment: z.string().optional(),
    selfIntroAfter: z.object({ en: words, fr: words, zh: z.array(z.string().min(1)) }),
    customerContact: perLang(words),
    roleSides: z.object({ en: words, fr: words, zh: z.array(z.string().min(1)) }),
    signOffs: perLang(words),
    greetings: perLang(words),
    address: perLang(words),
    billingAddress: perLang(words),
    hanStops: z.object({ en: z.array(z.string().min(1)), fr: z.array(z.string().min(1)), zh: words }),
  }),
});
export type FormTurnWords = z.infer<typeof formTurnsSchema>;

/** knowledge/nlu/handoff.json: what a user says inside the handoff dialog and at its yes/no questions. */
export const handoffWordsSchema = z.object({
  $comment: z.string().optional(),
  backOut: z.object({ $comment: z.string().optional(), ...perLang(words).shape }),
  sameEmail: z.object({ $comment: z.string().optional(), ...perLang(words).shape }),
  declineRating: z.object({ $comment: z.string().optional(), ...perLang(words).shape }),
  emailLeads: z.object({ $comment: z.string().optional(), ...perLang(words).shape }),
});
export type HandoffWords = z.infer<typeof handoffWordsSchema>;

export const organisationsSchema = z.object({
  $comment: z.string().optional(),
  hanCustomer: z.object({
    lead: z.string().min(1),
    ends: words,
    keepWhenFollowedBy: words,
    notNames: words,
    maxLength: z.number().int().min(2).max(60),
  }),
  leads: perLang(z.array(z.string().min(1))),
  notAfter: perLang(z.array(z.string().min(1))),
  notValues: words,
  streetAddress: z.object({ hanHouseNumber: z.string().min(1), streetWords: perLang(z.array(z.string().min(1))) }),
});

export const elisionSchema = z.object({
  $comment: z.string().optional(),
  fr: z.object({ vowels: z.string().min(1), hMuet: words }),
});

/** Chat shorthands per catalog product id ("conf" → confluence), merged into the catalog's aliases. */
export const productShorthandsSchema = z.object({
  $comment: z.string().optional(),
  products: z.record(z.string().min(1), words),
});
