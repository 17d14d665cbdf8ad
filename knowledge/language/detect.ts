import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../bot/paths.js';
import type { Lang } from '../lang.js';

const markersSchema = z.object({ fr: z.array(z.string()).min(20), en: z.array(z.string()).min(20) });

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[\p{Script=Latin}'’-]+/gu;
const FRENCH_LETTERS = /[éèêëàâçùûôîïœ]/u;
// Linear on any text: the `\S+@\S+` this replaces rescanned a long word from each of its
// positions (quadratic: 0.9 s for 20,000 characters); the edge trim only starts where a run of
// apostrophes and dashes starts, not at each of its characters.
const EMAIL_LIKE = /[^\s@]{0,64}@\S{0,254}/g;
const EDGE_PUNCTUATION = /^['’-]+|(?<!['’-])['’-]+$/g;
/** A Chinese name (two to four characters) borrowed into a Latin-script sentence. */
const MAX_BORROWED_HAN = 4;

export interface Detection {
  lang: Lang;
  /** Whether the text carries enough evidence to switch languages on its own. */
  confident: boolean;
}

/**
 * Small script + function-word detector. The measured alternatives (eld, tinyld,
 * franc) cost 50–390 MB or misread Chinese messages full of English product
 * names; Han script is decisive for zh, and for en/fr the function words of a
 * few words of text are enough. Short or neutral text (an email, a SEN, "ok")
 * is never confident, so it never switches the language.
 */
export class LanguageDetector {
  private readonly fr: Set<string>;
  private readonly en: Set<string>;

  constructor(markers: z.infer<typeof markersSchema>) {
    this.fr = new Set(markers.fr);
    this.en = new Set(markers.en);
  }

  static fromFile(path = fromRoot('knowledge', 'language', 'markers.json')): LanguageDetector {
    return new LanguageDetector(markersSchema.parse(JSON.parse(readFileSync(path, 'utf8'))));
  }

  detect(text: string): Detection | undefined {
    const han = text.match(HAN)?.length ?? 0;
    if (han > MAX_BORROWED_HAN) return { lang: 'zh', confident: true };
    const latin = this.latin(text);
    // Han is decisive, except for a name of a few characters inside a whole English or French
    // sentence ("My colleague 王伟 will call you"): that sentence says the language.
    if (han >= 2 && !(latin?.confident && latin.words >= 2 * han)) return { lang: 'zh', confident: true };
    return latin && { lang: latin.lang, confident: latin.confident };
  }

  /** The Latin-script words' verdict, with how many words it rests on. */
  private latin(text: string): (Detection & { words: number }) | undefined {
    const words = (text.toLowerCase().replace(EMAIL_LIKE, ' ').match(LATIN_WORD) ?? [])
      .map((w) => w.replace(EDGE_PUNCTUATION, '').replace(/’/g, "'"))
      .filter((w) => w.length > 0);
    if (words.length === 0) return undefined;
    let fr = FRENCH_LETTERS.test(text) ? 1.5 : 0;
    let en = 0;
    for (const w of words) {
      const inFr = this.fr.has(w) || /^(qu|[cdjlmnst])'/.test(w);
      const inEn = this.en.has(w);
      if (inFr && !inEn) fr += 1;
      if (inEn && !inFr) en += 1;
    }
    if (fr === en) return undefined;
    const lang: Lang = fr > en ? 'fr' : 'en';
    const [win, lose] = lang === 'fr' ? [fr, en] : [en, fr];
    return { lang, confident: words.length >= 3 && win >= 2 && win >= 2 * lose, words: words.length };
  }
}
