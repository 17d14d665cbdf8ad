import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../bot/paths.js';
import { findProducts, isValidTier, loadCatalog, nextTierUp } from '../../knowledge/catalog.js';
import { catalogSchema } from '../../knowledge/catalogSchema.js';
import { loadAllNluData } from '../../knowledge/nlu/index.js';
import { loadJsonFile } from '../../knowledge/nlu/loadData.js';
import { yesNoSchema } from '../../knowledge/nlu/schema.js';
import { QUOTE_KINDS, SLOT_NAMES } from '../../knowledge/quoteTypes.js';
import { loadQuoteKinds, missingSlots, nextSlot, promptKey } from '../../dialogs/validators/quoteKinds.js';

const tmp = mkdtempSync(join(tmpdir(), 'quote-domain-'));
const writeJson = (name: string, data: unknown) => {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
};
const readJson = (...parts: string[]) => JSON.parse(readFileSync(fromRoot(...parts), 'utf8')) as Record<string, any>;

describe('catalog', () => {
  it('loads and answers tier questions', () => {
    loadCatalog();
    assert.equal(nextTierUp('data-center', 600), 1000);
    assert.equal(nextTierUp('data-center', 2000), 2000);
    assert.equal(nextTierUp('data-center', 60000), undefined);
    assert.equal(isValidTier('cloud', 100), true);
    assert.equal(isValidTier('data-center', 100), false);
    assert.equal(isValidTier('data-center', 50, 'jira-service-management'), true);
  });

  it('finds products by the names people type, longest first', () => {
    assert.deepEqual(findProducts('Jira Service Desk et Confluence'), ['jira-service-management', 'confluence']);
    assert.deepEqual(findProducts('JSM + Jira'), ['jira-service-management', 'jira']);
    assert.deepEqual(findProducts('给客户续订Jira数据中心'), ['jira']);
    assert.deepEqual(findProducts('a conference call'), []);
  });

  it('a broken catalog throws naming the file and the field', () => {
    const data = readJson('knowledge', 'catalog.json');
    data.products[0].deployments = ['mainframe'];
    data.deployments['data-center'].tiers = [1000, 500];
    const file = writeJson('catalog.json', data);
    assert.throws(() => loadCatalog(file), (e: Error) => /catalog\.json/.test(e.message) && /products\.0\.deployments\.0/.test(e.message) && /deployments\.data-center\.tiers/.test(e.message));
  });

  it('an add-on of an unknown product is refused', () => {
    const data = readJson('knowledge', 'catalog.json');
    data.products.push({ id: 'x-app', name: 'X', deployments: ['cloud'], aliases: ['x app'], addOnOf: 'nope' });
    assert.equal(catalogSchema.safeParse(data).success, false);
  });
});

describe('quote kinds', () => {
  it('describes every kind with known slots', () => {
    const kinds = loadQuoteKinds().kinds;
    for (const kind of QUOTE_KINDS) assert.ok(kinds[kind], kind);
  });

  it('asks in order, and one of "site URL or SEN" is enough', () => {
    assert.deepEqual(missingSlots('cloud-renewal', {}), ['siteUrl', 'authorizedContactName', 'authorizedContactEmail', 'product', 'resellerName', 'resellerEmail']);
    assert.equal(nextSlot('cloud-renewal', { sen: ['SEN-L1234567'] }), 'authorizedContactName');
    assert.deepEqual(missingSlots('dc-upgrade', { sen: ['SEN-L1'], product: ['jira'], technicalContactName: 'Ann Lee', technicalContactEmail: 'a@b.co', edition: 'data-center', resellerName: 'A', resellerEmail: 'a@b.co' }), []);
    // Renewals and upgrades ask which product: a SEN alone does not say.
    assert.equal(nextSlot('dc-renewal', { sen: ['SEN-L1234567'] }), 'product');
    assert.equal(promptKey('cloud-new', 'billingAddress'), 'quote:ask.billingAddressBoth');
    assert.equal(promptKey('dc-renewal', 'sen'), 'quote:ask.sen');
  });

  it('a broken kinds file throws naming the file and the field', () => {
    const data = readJson('knowledge', 'quoteKinds.json');
    data.kinds['dc-new'].required.push('favouriteColour');
    const file = writeJson('quoteKinds.json', data);
    assert.throws(() => loadQuoteKinds(file), (e: Error) => /quoteKinds\.json/.test(e.message) && /kinds\.dc-new\.required/.test(e.message));
  });
});

describe('NLU word lists', () => {
  it('all load', () => loadAllNluData());

  it('a broken list throws naming the file and the field', () => {
    const data = readJson('knowledge', 'nlu', 'yesNo.json');
    delete data.no.zh;
    const file = writeJson('yesNo.json', data);
    assert.throws(() => loadJsonFile(file, yesNoSchema), /yesNo\.json.*no\.zh/);
  });
});

describe('locales/{en,fr,zh}/quote.json', () => {
  const flatten = (obj: Record<string, unknown>, prefix = ''): Record<string, string> =>
    Object.fromEntries(
      Object.entries(obj).flatMap(([k, v]) =>
        typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flatten(v as Record<string, unknown>, `${prefix}${k}.`)),
      ),
    );
  const en = flatten(readJson('locales', 'en', 'quote.json'));
  const fr = flatten(readJson('locales', 'fr', 'quote.json'));
  const zh = flatten(readJson('locales', 'zh', 'quote.json'));
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('same keys and placeholders in every language, fr/zh never equal to en', () => {
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(fr[key] ?? ''), placeholders(en[key] ?? ''), `fr ${key}`);
      assert.deepEqual(placeholders(zh[key] ?? ''), placeholders(en[key] ?? ''), `zh ${key}`);
      assert.notEqual(fr[key], en[key], `fr ${key}`);
      assert.notEqual(zh[key], en[key], `zh ${key}`);
    }
  });

  it('has ask/invalid/label for every slot, a name for every kind, every status', () => {
    for (const slot of SLOT_NAMES) for (const group of ['ask', 'invalid', 'label']) assert.ok(en[`${group}.${slot}`], `${group}.${slot}`);
    for (const kind of QUOTE_KINDS) assert.ok(en[`kind.${kind}`], kind);
    for (const status of ['submitted', 'in_review', 'quoted', 'rejected', 'closed']) assert.ok(en[`status.${status}`], status);
    for (const kind of QUOTE_KINDS) for (const slot of SLOT_NAMES) assert.ok(en[promptKey(kind, slot).replace('quote:', '')], promptKey(kind, slot));
  });

  it('every key the domain code returns exists', () => {
    const sources = ['dialogs/validators'].flatMap((dir) =>
      ['result.ts', 'quoteRules.ts', 'tier.ts', 'siteUrl.ts', 'targetDate.ts', 'freeText.ts', 'product.ts', 'yesNo.ts', 'email.ts'].map((f) => readFileSync(fromRoot(dir, f), 'utf8')),
    );
    const keys = new Set<string>();
    for (const src of sources) {
      for (const m of src.matchAll(/invalidKey\('(\w+)'\)/g)) keys.add(`invalid.${m[1]}`);
      for (const m of src.matchAll(/noticeKey\('(\w+)'\)/g)) keys.add(`notice.${m[1]}`);
      for (const m of src.matchAll(/violation\('(\w+)'(?:, [^)]*?'(\w+)'\))?/g)) keys.add(`rule.${m[2] ?? m[1]}`);
    }
    assert.ok(keys.size > 15);
    for (const key of keys) assert.ok(en[key], key);
  });
});
