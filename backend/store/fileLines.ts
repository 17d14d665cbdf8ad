import { createReadStream } from 'node:fs';

export interface FileLine {
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Bytes of the line, its newline included. */
  bytes: number;
  /** False for a last line without its newline (a torn write). */
  terminated: boolean;
}

/**
 * The lines of a file as it streams by, so a file of any size (even past Node's 2 GiB
 * `readFile` limit) is read in the memory of one chunk plus the longest line. A missing file
 * has no lines.
 */
export async function* fileLines(file: string, chunkBytes = 1 << 20): AsyncGenerator<FileLine> {
  const stream = createReadStream(file, { highWaterMark: chunkBytes });
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let offset = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(0x0a, from); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
        const piece = chunk.subarray(from, nl);
        const line = carryBytes ? Buffer.concat([...carry, piece]) : piece;
        yield { text: line.toString('utf8'), start: offset, bytes: line.length + 1, terminated: true };
        offset += line.length + 1;
        carry = [];
        carryBytes = 0;
        from = nl + 1;
      }
      if (from < chunk.length) {
        // Copied: the stream may reuse its buffer for the next chunk.
        carry.push(Buffer.from(chunk.subarray(from)));
        carryBytes += chunk.length - from;
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (carryBytes) {
    const line = Buffer.concat(carry);
    yield { text: line.toString('utf8'), start: offset, bytes: line.length, terminated: false };
  }
}
