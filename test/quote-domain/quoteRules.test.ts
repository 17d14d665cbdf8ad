import assert from 'node:assert/strict';
import {
  checkAddOnTier,
  checkAnnualCloudOnly,
  checkCotermRenewalsOnly,
  checkCotermTargetDate,
  checkCurrencyPayment,
  checkNeedsPerson,
  checkNet30,
  checkQuoteRules,
  checkServerEndOfSale,
  requiredAddOnTier,
} from '../../dialogs/validators/quoteRules.js';

const now = new Date('2026-11-22T10:00:00Z');

describe('quote business rules', () => {
  it('resellers buy annual cloud only', () => {
    assert.equal(checkAnnualCloudOnly({ deployment: 'cloud', billingCycle: 'monthly' })?.key, 'quote:rule.annualCloudOnly');
    assert.equal(checkAnnualCloudOnly({ deployment: 'cloud', billingCycle: 'annual' }), undefined);
    assert.equal(checkAnnualCloudOnly({ deployment: 'data-center' }), undefined);
  });

  it('an add-on takes its base product tier', () => {
    const wrong = checkAddOnTier([{ product: 'jira', tier: 2000 }, { product: 'tempo-timesheets', tier: 1000 }]);
    assert.deepEqual(wrong, { rule: 'addOnTierMismatch', key: 'quote:rule.addOnTierMismatch', params: { addOn: 'Tempo Timesheets', base: 'Jira', tier: 2000 } });
    assert.equal(checkAddOnTier([{ product: 'jira', tier: 2000 }, { product: 'tempo-timesheets', tier: 2000 }]), undefined);
    assert.equal(requiredAddOnTier('drawio-confluence', [{ product: 'confluence', tier: 500 }]), 500);
  });

  it('co-term: renewals only; new and upgraded licences keep their 12 months', () => {
    assert.equal(checkCotermRenewalsOnly([{ sen: 'SEN-L1', type: 'renewal' }, { sen: 'SEN-L2', type: 'new' }])?.params?.sen, 'SEN-L2');
    assert.equal(checkCotermRenewalsOnly([{ sen: 'SEN-L1', type: 'renewal' }]), undefined);
  });

  it('co-term: future date, and one licence renewed for 12 months or more when end dates are known', () => {
    const licences = [{ sen: 'SEN-L1', type: 'renewal' as const, currentEndDate: '2026-12-31' }, { sen: 'SEN-L2', type: 'renewal' as const, currentEndDate: '2027-03-01' }];
    assert.equal(checkCotermTargetDate('2026-10-01', licences, now)?.rule, 'cotermDatePast');
    assert.equal(checkCotermTargetDate('2027-06-30', licences, now)?.rule, 'cotermMinimumRenewal');
    assert.equal(checkCotermTargetDate('2028-01-15', licences, now), undefined);
    assert.equal(checkCotermTargetDate('2027-06-30', [{ sen: 'SEN-L1', type: 'renewal' }], now), undefined, 'unknown end dates: left to manual review');
  });

  it('no new Server licences: offers Data Center or cloud with the dates', () => {
    assert.deepEqual(checkServerEndOfSale({ deployment: 'server' })?.params, { endOfSale: '2021-02-02', endOfSupport: '2024-02-02' });
    assert.equal(checkServerEndOfSale({ deployment: 'data-center' }), undefined);
  });

  it('Net-30 only for Data Center and cloud orders of USD 10,000 or more', () => {
    assert.equal(checkNet30({ method: 'net30', deployment: 'cloud', amountUsd: 9999 })?.key, 'quote:rule.net30Minimum');
    assert.equal(checkNet30({ method: 'net30', deployment: 'data-center', amountUsd: 10000 }), undefined);
    assert.equal(checkNet30({ method: 'net30', deployment: 'server', amountUsd: 50000 })?.rule, 'net30Minimum');
    assert.equal(checkNet30({ method: 'card', deployment: 'cloud', amountUsd: 10 }), undefined);
  });

  it('no card and no check for AUD orders', () => {
    assert.equal(checkCurrencyPayment({ method: 'card', currency: 'aud' })?.rule, 'audNoCard');
    assert.equal(checkCurrencyPayment({ method: 'check', currency: 'AUD' })?.rule, 'audNoCheck');
    assert.equal(checkCurrencyPayment({ method: 'bankTransfer', currency: 'AUD' }), undefined);
    assert.equal(checkCurrencyPayment({ method: 'card', currency: 'USD' }), undefined);
  });

  it('needs a person above 50,000 users or for cloud Enterprise', () => {
    assert.equal(checkNeedsPerson({ deployment: 'data-center', tier: 60000 })?.key, 'quote:rule.needsPersonTier');
    assert.equal(checkNeedsPerson({ deployment: 'cloud', edition: 'enterprise' })?.key, 'quote:rule.needsPersonEdition');
    assert.equal(checkNeedsPerson({ deployment: 'data-center', tier: 2000 }), undefined);
  });

  it('checkQuoteRules lists every violation of a draft', () => {
    const rules = checkQuoteRules({ deployment: 'cloud', billingCycle: 'monthly', tier: 100000, payment: { method: 'card', currency: 'AUD' } }, now).map((v) => v.rule);
    assert.deepEqual(rules, ['annualCloudOnly', 'audNoCard', 'needsPerson']);
  });
});
