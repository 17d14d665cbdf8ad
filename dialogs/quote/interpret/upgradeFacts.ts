import { editionsFor } from '../../../knowledge/catalog.js';
import type { Lang } from '../../../knowledge/lang.js';
import { normalizeInput, type Message } from '../../validators/index.js';
import { findUpgradeFacts } from '../../validators/openingFacts.js';
import { findUserCounts, pickUserCount } from '../../validators/userCount.js';
import type { QuoteDraft } from '../quoteDraft.js';

/**
 * "SEN-L…, c'est un JSM DC, ils passent de 250 à 500 agents" at the SEN prompt of an upgrade: the
 * tier it starts from (and a cloud site's current edition) is kept as a structured fact of the
 * notes, as when the opening says it (openingFacts.findUpgradeFacts), and said back. Pure.
 */

export interface UpgradeFactsReading {
  facts: QuoteDraft['facts'];
  notices: Message[];
}

export function readUpgradeFacts(draft: QuoteDraft, text: string, lang: Lang): UpgradeFactsReading | undefined {
  if (draft.kind !== 'dc-upgrade' && draft.kind !== 'cloud-upgrade') return undefined;
  const input = normalizeInput(text);
  const counts = findUserCounts(input, lang);
  const found = findUpgradeFacts(input, draft.kind === 'cloud-upgrade', counts, pickUserCount(counts, false));
  // A fact already on file with the same value is not said again; a new value replaces it.
  const fresh = found.filter((f) => !draft.facts.some((d) => d.key === f.key && JSON.stringify(d.params) === JSON.stringify(f.params)));
  if (fresh.length === 0) return undefined;
  const facts = [...draft.facts.filter((d) => !fresh.some((f) => f.key === d.key)), ...fresh];
  const notices = fresh.map((f): Message => {
    if (f.key === 'quoteDialog:opening.currentTier') return { key: 'quoteDialog:changed.currentTierAdded', params: { count: Number(f.params?.count) } };
    const edition = editionsFor('cloud').find((e) => e.id === f.params?.edition);
    return { key: 'quoteDialog:changed.currentEditionAdded', params: { edition: edition?.names[lang] ?? String(f.params?.edition) } };
  });
  return { facts, notices };
}
