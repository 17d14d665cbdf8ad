export type { Collection } from './collection.js';
export type { LogRecord, RecordLog } from './recordLog.js';
export { JournalCollection, journalPath, type JournalOptions } from './journalCollection.js';
export { JournalLog, type JournalLogOptions } from './journalLog.js';
export { JournalCorruptError, replayJournal } from './journalReplay.js';
