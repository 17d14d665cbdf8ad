/**
 * Runs async sections one at a time, in call order: a check-then-write (idempotency, reference
 * numbers, status transitions) cannot interleave with another one in this process.
 */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(section, section);
    this.#tail = result.catch(() => {});
    return result;
  }
}
