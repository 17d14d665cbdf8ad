import { join } from 'node:path';
import { FileInsightStore } from '../../backend/insights/fileInsightStore.js';
import type { InsightStore } from '../../backend/insights/insightStore.js';
import { overlayChangeSchema, type OverlayChange } from '../../backend/insights/overlay.js';
import { FileOverlayStore, type OverlayStore } from '../../backend/insights/overlayStore.js';
import { journalPath, replayJournal } from '../../backend/store/index.js';
import type { BackendLogger } from '../../backend/logger.js';

/**
 * The embedded insight records and knowledge overlay, files under DATA_DIR (`embeddedStores`
 * hands them out; with DATABASE_URL, `pgStores` hands out their PostgreSQL twins instead, and
 * every instance sees the same records and the same overlay).
 */
export function openInsightStore(dataDir: string, logger?: BackendLogger): Promise<InsightStore> {
  return FileInsightStore.open(join(dataDir, 'insights'), logger ? { logger } : {});
}

export function openOverlayStore(dataDir: string, logger?: BackendLogger): Promise<OverlayStore> {
  return FileOverlayStore.open(join(dataDir, 'knowledge'), logger ? { logger } : {});
}

/**
 * The overlay's changes read without opening the store for writing (no lock, no compaction), so
 * `npm run kb:export` can run next to a bot that uses the same folder.
 */
export async function readOverlayChanges(dataDir: string): Promise<OverlayChange[]> {
  const { records } = await replayJournal(journalPath(join(dataDir, 'knowledge'), 'overlay'));
  return [...records.values()].map((raw) => overlayChangeSchema.parse(raw)).sort((a, b) => a.version - b.version);
}
