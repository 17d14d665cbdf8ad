import { loadCatalog } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';
import { recognizeNumbers } from './recognizers.js';
import { prepareForNumbers } from './userCount.js';

/** The `maintenanceYears` slot: "2", "deux ans", "两年", "3 years", within the catalog range. */
export function validateMaintenanceYears(text: string, lang: Lang): ValidationResult<number> {
  const range = loadCatalog().deployments['data-center'].maintenanceYears ?? { min: 1, max: 1 };
  const numbers = recognizeNumbers(prepareForNumbers(text, lang), lang).map((n) => n.value);
  const years = numbers.length === 1 ? numbers[0] : undefined;
  if (years === undefined || !Number.isInteger(years) || years < range.min || years > range.max) {
    return invalid(invalidKey('maintenanceYears'), { min: range.min, max: range.max });
  }
  return ok(years);
}
