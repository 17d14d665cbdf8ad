/**
 * Reading a JSON-lines journal back, streamed (see `fileLines.ts`).
 *
 * Format (one JSON object per line, `\n`-terminated; the newline is the commit marker):
 *   {"k":"<key>","v":<value>}   the value of <key> from now on
 *   {"k":"<key>","d":1}         <key> deleted
 * Later lines supersede earlier ones. A crash can leave the tail of the file unterminated or
 * garbled (a torn write, or zero-filled blocks after a power loss): such a tail is dropped and
 * reported. Garbage *followed by* valid lines is not a torn write but corruption, and is refused.
 */
import { fileLines } from './fileLines.js';

export type JournalLine = { k: string; v: unknown } | { k: string; d: 1 };

export interface ReplayResult {
  /** Live values by key, in first-insertion order. */
  records: Map<string, unknown>;
  /** Bytes of each live value's line (newline included): what a compaction would keep. */
  sizes: Map<string, number>;
  /** Committed lines read, including superseded ones. */
  lines: number;
  /** Length of the valid prefix: the file should be truncated here when `tornBytes > 0`. */
  goodBytes: number;
  tornBytes: number;
}

export class JournalCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
  ) {
    super(`store: ${file} line ${line} is not a journal entry, and valid entries follow it`);
    this.name = 'JournalCorruptError';
  }
}

function parseLine(text: string): JournalLine | undefined {
  try {
    const entry: unknown = JSON.parse(text);
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { k } = entry as { k?: unknown };
    if (typeof k !== 'string') return undefined;
    if ('v' in entry) return entry as JournalLine;
    if ((entry as { d?: unknown }).d === 1) return entry as JournalLine;
    return undefined;
  } catch {
    return undefined;
  }
}

/** Replays `file` (absent → empty); only the live values stay in memory, superseded lines are dropped as they are read. */
export async function replayJournal(file: string): Promise<ReplayResult> {
  const records = new Map<string, unknown>();
  const sizes = new Map<string, number>();
  let lines = 0;
  let goodBytes = 0;
  let end = 0;
  let firstBadLine = 0;
  let lineNo = 0;
  for await (const line of fileLines(file)) {
    lineNo++;
    end = line.start + line.bytes;
    const entry = !line.terminated ? undefined : line.text.trim() === '' ? null : parseLine(line.text);
    if (entry === undefined) {
      firstBadLine ||= lineNo;
      continue;
    }
    if (firstBadLine) throw new JournalCorruptError(file, firstBadLine);
    if (entry !== null) {
      lines++;
      if ('v' in entry) {
        records.set(entry.k, entry.v);
        sizes.set(entry.k, line.bytes);
      } else {
        records.delete(entry.k);
        sizes.delete(entry.k);
      }
    }
    goodBytes = end;
  }
  return { records, sizes, lines, goodBytes, tornBytes: end - goodBytes };
}
