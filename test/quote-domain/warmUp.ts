import { warmUpRecognizers } from '../../dialogs/validators/recognizers.js';

/**
 * Root hook shared by the quote-domain test files: builds the recognizer models once per mocha
 * process (French takes ~5–8 s), so no single test pays it. Memoised, so several files are fine.
 */
before(async function () {
  this.timeout(90_000);
  await warmUpRecognizers();
});
