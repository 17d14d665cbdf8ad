import assert from 'node:assert/strict';
import { backoffDelay } from '../../backend/delivery/backoff.js';

describe('backend/delivery backoff', () => {
  const options = { baseMs: 1000, maxMs: 60_000 };

  it('doubles the ceiling per failure and caps it', () => {
    const top = () => 1; // the jitter at its maximum: the ceiling itself
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelay(n, options, top)), [1000, 2000, 4000, 8000]);
    assert.equal(backoffDelay(50, options, top), 60_000);
    assert.equal(backoffDelay(5000, options, top), 60_000);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    assert.equal(backoffDelay(3, options, () => 0), 2000);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(3, options);
      assert.ok(delay >= 2000 && delay <= 4000, String(delay));
    }
  });
});
