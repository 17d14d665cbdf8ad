import assert from 'node:assert/strict';
import { enStem } from '../../knowledge/search/analyzeEn.js';
import { frStem } from '../../knowledge/search/analyzeFr.js';
import { memoWords } from '../../knowledge/search/memo.js';

describe('knowledge/search word caches are bounded', () => {
  it('remembers up to max words, then starts over, always giving the function result', () => {
    let calls = 0;
    const upper = memoWords((w) => {
      calls++;
      return w.toUpperCase();
    }, 3);
    assert.deepEqual(['a', 'b', 'a', 'c'].map(upper), ['A', 'B', 'A', 'C']);
    assert.equal(calls, 3, 'a repeated word is not recomputed');
    assert.equal(upper('d'), 'D'); // the fourth distinct word clears the cache
    assert.equal(upper('a'), 'A');
    assert.equal(calls, 5);
  });

  it('the stemmers stay right past their bound (tens of thousands of made-up words)', () => {
    for (let i = 0; i < 25_000; i++) enStem(`zq${i}x`);
    assert.equal(enStem('renewals'), 'renew');
    for (let i = 0; i < 25_000; i++) frStem(`zq${i}x`);
    assert.equal(frStem('renouvellements'), frStem('renouvellement'));
  });
});
