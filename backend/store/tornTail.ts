import { open, stat, truncate } from 'node:fs/promises';

/** Truncates an unterminated last line (a crash mid-append); returns the bytes dropped (0 for a missing file). */
export async function dropTornTail(file: string): Promise<number> {
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size === 0) return 0;
  const handle = await open(file, 'r');
  try {
    const block = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - block.length);
      const { bytesRead } = await handle.read(block, 0, end - start, start);
      const nl = block.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl !== -1) {
        const good = start + nl + 1;
        if (good < size) await truncate(file, good);
        return size - good;
      }
      end = start;
    }
    await truncate(file, 0);
    return size;
  } finally {
    await handle.close();
  }
}
