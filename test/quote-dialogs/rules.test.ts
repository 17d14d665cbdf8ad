import assert from 'node:assert/strict';
import { formatNumber } from '../../dialogs/quote/summaryCard.js';
import { startBot, lastSlot, type TestBot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, staffGet, STAFF_KEY, t, textsOf } from './support.js';

/** Stops at the summary. */
const withoutConfirm = ({ confirm: _stop, ...rest }: Record<string, string>) => rest;

describe('Quote dialogs: business rules, each refused with its reason in the user language', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  it('annual cloud only: a monthly cloud request is explained, then goes on as an annual quote (fr)', async () => {
    const chat = new Chat(bot, newConversation('monthly'), LOCALES.fr);
    const first = await chat.say("Je voudrais un devis Cloud mensuel pour le site existant atelier-roux.atlassian.net");
    assert.ok(textsOf(first).includes(t('fr')('quote:rule.annualCloudOnly')));
    const run = await fillByPrompts(chat, first, ANSWERS.fr);
    assert.ok(run.ref);
    assert.ok(!run.asked.includes('siteUrl'), 'the site URL came with the opening sentence');
  });

  it('no new Server licenses: refused with the dates, then Data Center or cloud offered as buttons without a slot (en)', async () => {
    const chat = new Chat(bot, newConversation('server'), LOCALES.en);
    const first = await chat.say('I want to buy a new Jira Server license');
    const text = textsOf(first);
    // Dates in words, never ISO.
    assert.ok(text.includes('2 February 2021') && text.includes('2 February 2024'), text);
    const choice = first.at(-1)!;
    assert.equal(choice.channelData?.slot, undefined, 'the kind question is not a slot');
    assert.equal(choice.inputHint, 'expectingInput');
    const titles = choice.suggestedActions?.actions.map((a) => a.title) ?? [];
    assert.deepEqual(titles, [t('en')('quote:kind.dc-new'), t('en')('quote:kind.cloud-new'), t('en')('quote:kind.cloud-existing')]);
    const next = await chat.say(t('en')('quote:kind.dc-new'));
    assert.equal(lastSlot(next), 'tier', 'Jira was given; the tier comes next');
  });

  it('add-on tier = base tier: a different add-on tier is refused and aligned (en)', async () => {
    const chat = new Chat(bot, newConversation('addon'), LOCALES.en);
    const first = await chat.say('Quote for a new Jira Data Center license: Jira 2000 users and ScriptRunner 500 users, 1 year of maintenance');
    const run = await fillByPrompts(chat, first, ANSWERS.en);
    assert.ok(run.ref, run.asked.join(','));
    const reason = t('en')('quote:rule.addOnTierMismatch', { addOn: 'ScriptRunner for Jira', base: 'Jira', tier: 2000 });
    assert.ok(textsOf(chat.transcript).includes(reason), 'the rule is explained');
    const { body } = await staffGet(bot, `/api/quote-requests/${run.ref}`);
    assert.deepEqual(
      body.items.map((i: { product: string; tier: number }) => [i.product, i.tier]),
      [['jira', 2000], ['scriptrunner-jira', 2000]],
    );
    assert.equal(body.items[1].addOnOf, 'jira');
  });

  it('co-term: a new license in the opening sentence is refused by SEN, the renewal kept (fr)', async () => {
    const chat = new Chat(bot, newConversation('coterm-new'), LOCALES.fr);
    const first = await chat.say('Je veux harmoniser les échéances de SEN-L1234567 et SEN-L7654321 (nouvelle licence)');
    assert.ok(textsOf(first).includes(t('fr')('quote:rule.cotermRenewalsOnly', { sen: 'SEN-L7654321' })));
    const run = await fillByPrompts(chat, first, ANSWERS.fr);
    const { body } = await staffGet(bot, `/api/quote-requests/${run.ref}`);
    assert.deepEqual(body.coterm, { sens: ['SEN-L1234567'], targetDate: '2027-03-15' });
  });

  it('co-term: an upgraded license typed at the SEN prompt is refused and the SEN asked again (zh)', async () => {
    const chat = new Chat(bot, newConversation('coterm-upgrade'), LOCALES.zh);
    const first = await chat.say('我需要为客户做条款关联');
    assert.equal(lastSlot(first), 'sen');
    const refused = await chat.say('SEN-L1111111 和 SEN-L2222222（升级）');
    assert.ok(textsOf(refused).includes(t('zh')('quote:rule.cotermRenewalsOnly', { sen: 'SEN-L2222222' })));
    assert.equal(lastSlot(refused), 'sen');
  });

  it('co-term: a past end date is refused with the reason (en)', async () => {
    const chat = new Chat(bot, newConversation('coterm-past'), LOCALES.en);
    await chat.say('Co-term SEN-L1111111 and SEN-L2222222 please');
    const refused = await chat.say('January 5, 2020');
    assert.equal(lastSlot(refused), 'targetDate');
    assert.match(textsOf(refused), /2020-01-05|not in the future/);
  });

  it('Net-30 only from USD 10,000: refused without an amount, accepted with one (en, Data Center)', async () => {
    const chat = new Chat(bot, newConversation('net30'), LOCALES.en);
    const answers = { ...ANSWERS.en, paymentPreference: 'Net 30 terms please' };
    const run = await fillByPrompts(chat, await chat.say('I need a quote for a new Jira Data Center license'), answers);
    assert.equal(run.ref, undefined);
    assert.equal(run.asked.at(-1), 'paymentPreference');
    assert.ok(textsOf(chat.transcript).includes(t('en')('quote:rule.net30Minimum', { min: '10,000' })));
    const accepted = await fillByPrompts(chat, await chat.say('Net-30 please, the order is USD 25,000'), answers);
    const { body } = await staffGet(bot, `/api/quote-requests/${accepted.ref}`);
    assert.equal(body.paymentPreference, 'net30');
  });

  it('no card and no check for AUD orders (zh)', async () => {
    const chat = new Chat(bot, newConversation('aud'), LOCALES.zh);
    const answers = { ...ANSWERS.zh, paymentPreference: '用澳元信用卡付款' };
    await fillByPrompts(chat, await chat.say('我要购买新的数据中心许可证'), answers);
    assert.ok(textsOf(chat.transcript).includes(t('zh')('quote:rule.audNoCard', { currency: 'AUD' })));
    const check = await chat.say('澳元支票');
    assert.ok(textsOf(check).includes(t('zh')('quote:rule.audNoCheck', { currency: 'AUD' })));
    assert.equal(lastSlot(check), 'paymentPreference');
  });

  it('rules needing a person offer an advocate on the summary: cloud Enterprise (en)', async () => {
    const chat = new Chat(bot, newConversation('enterprise'), LOCALES.en);
    const run = await fillByPrompts(chat, await chat.say('Upgrade harbourline.atlassian.net to Confluence Enterprise, 500 users'), withoutConfirm(ANSWERS.en));
    assert.ok(textsOf(chat.transcript).includes(t('en')('quote:rule.needsPersonEdition', { edition: 'Enterprise' })));
    const summary = run.last.at(-1)!;
    assert.equal(summary.channelData?.slot, 'confirm');
    assert.ok(summary.suggestedActions?.actions.some((a) => a.title === t('en')('common:menu.advocate')));
  });

  it('rules needing a person: more users than the top tier (fr)', async () => {
    const chat = new Chat(bot, newConversation('bigtier'), LOCALES.fr);
    await fillByPrompts(chat, await chat.say('Je voudrais un devis pour une nouvelle licence Jira Data Center pour 80 000 utilisateurs'), withoutConfirm(ANSWERS.fr));
    // Large counts are written the French way ("80 000").
    assert.ok(textsOf(chat.transcript).includes(t('fr')('quote:rule.needsPersonTier', { tier: formatNumber('fr', 80000) })));
  });
});
