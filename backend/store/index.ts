export type { Collection } from './collection.js';
export { JournalCollection, journalPath, type JournalOptions } from './journalCollection.js';
export { JournalCorruptError, replayJournal } from './journalReplay.js';
