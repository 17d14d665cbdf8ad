/**
 * Reading a JSON-lines journal back into memory.
 *
 * Format (one JSON object per line, `\n`-terminated; the newline is the commit marker):
 *   {"k":"<key>","v":<value>}   the value of <key> from now on
 *   {"k":"<key>","d":1}         <key> deleted
 * Later lines supersede earlier ones. A crash can leave the tail of the file unterminated or
 * garbled (a torn write, or zero-filled blocks after a power loss): such a tail is dropped and
 * reported. Garbage *followed by* valid lines is not a torn write but corruption, and is refused.
 */

export type JournalLine = { k: string; v: unknown } | { k: string; d: 1 };

export interface ReplayResult {
  /** Live values by key, in first-insertion order. */
  records: Map<string, unknown>;
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

export function replayJournal(buf: Buffer, file: string): ReplayResult {
  const records = new Map<string, unknown>();
  let lines = 0;
  let goodBytes = 0;
  let firstBadLine = 0;
  let lineNo = 0;
  for (let start = 0; start < buf.length; ) {
    const newline = buf.indexOf(0x0a, start);
    const end = newline === -1 ? buf.length : newline;
    lineNo++;
    const text = buf.toString('utf8', start, end);
    const entry = newline === -1 ? undefined : text.trim() === '' ? null : parseLine(text);
    if (entry === undefined) {
      firstBadLine ||= lineNo;
    } else {
      if (firstBadLine) throw new JournalCorruptError(file, firstBadLine);
      if (entry !== null) {
        lines++;
        if ('v' in entry) records.set(entry.k, entry.v);
        else records.delete(entry.k);
      }
      goodBytes = end + 1;
    }
    start = end + 1;
  }
  return { records, lines, goodBytes, tornBytes: buf.length - goodBytes };
}
