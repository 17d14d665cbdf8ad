import type { Lang } from '../../knowledge/lang.js';
import { elisionWords } from '../../knowledge/nlu/index.js';

/**
 * Whether French elides "de" before this value ("au lieu d'Atelier Mirabeau", "au lieu d'Hôtel
 * Lutetia", but "au lieu de Hachette", "au lieu de 250"): a vowel first, or a silent h
 * (knowledge/nlu/elision.json). Other languages never elide.
 */
export function elidesBefore(lang: Lang, value: string): boolean {
  if (lang !== 'fr') return false;
  const { vowels, hMuet } = elisionWords().fr;
  const word = value.trim().split(/[\s,;:.'’-]/u)[0]?.toLowerCase() ?? '';
  if (!word) return false;
  if (vowels.includes(word[0]!)) return true;
  return word.startsWith('h') && hMuet.includes(word);
}
