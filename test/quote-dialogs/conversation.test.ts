import assert from 'node:assert/strict';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import { startBot, lastSlot, type TestBot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, staffGet, STAFF_KEY, t, textsOf } from './support.js';

describe('Quote dialogs: prompts, re-prompts, interruptions, edit and cancel', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  it('prefills every slot of a one-sentence request and asks only the rest (fr)', async () => {
    const chat = new Chat(bot, newConversation('prefill'), LOCALES.fr);
    const first = await chat.say('Je voudrais un devis Confluence Data Center pour 2 000 utilisateurs, 3 ans de maintenance');
    const run = await fillByPrompts(chat, first, ANSWERS.fr);
    assert.ok(run.ref);
    for (const given of ['product', 'tier', 'maintenanceYears']) assert.ok(!run.asked.includes(given), `${given} was asked again`);
    const { body } = await staffGet(bot, `/api/quote-requests/${run.ref}`);
    assert.deepEqual(body.items, [{ product: 'confluence', productName: 'Confluence', tier: 2000, maintenanceYears: 3, edition: undefined }].map(({ edition: _e, ...i }) => i));
  });

  it('one answer can fill several slots: a name with its email (en)', async () => {
    const chat = new Chat(bot, newConversation('multi'), LOCALES.en);
    const first = await chat.say("I need to renew a customer's cloud subscription for harbourline.atlassian.net");
    assert.equal(lastSlot(first), 'authorizedContactName');
    const next = await chat.say('Tom Baker, tom.baker@harbourline.com.au');
    assert.equal(lastSlot(next), 'product', 'the email was taken from the same answer');
  });

  it('an invalid answer gets the reason and the same prompt; after 3 failures an advocate is offered and the slot stays open (zh)', async () => {
    const chat = new Chat(bot, newConversation('fail3'), LOCALES.zh);
    assert.equal(lastSlot(await chat.say('续订 Jira 数据中心 SEN-L1234567')), 'technicalContactEmail');
    for (let i = 1; i <= 3; i++) {
      const replies = await chat.say('刘洋');
      assert.ok(textsOf(replies).includes(t('zh')('quote:invalid.technicalContactEmail')));
      assert.equal(lastSlot(replies), 'technicalContactEmail');
      const prompt = replies.at(-1)!;
      assert.equal(prompt.inputHint, 'expectingInput');
      const advocate = prompt.suggestedActions?.actions.some((a) => a.title === t('zh')('common:menu.advocate')) ?? false;
      assert.equal(advocate, i === 3, `advocate offered after ${i} failures`);
      if (i === 3) assert.ok(textsOf(replies).includes(t('zh')('quote:invalid.tooManyTries')));
    }
    const run = await fillByPrompts(chat, await chat.say('li.lei@minghua-tech.cn'), ANSWERS.zh);
    assert.ok(run.ref, 'the slot stayed open and the request still files');
  });

  it('an FAQ question at a prompt is answered, then the same prompt comes back (fr)', async () => {
    const question = 'Quels moyens de paiement acceptez-vous ?';
    const decision = defaultFaqEngine().decide(question, 'fr');
    assert.equal(decision.kind, 'answer');
    const chat = new Chat(bot, newConversation('faq'), LOCALES.fr);
    assert.equal(lastSlot(await chat.say('Je dois renouveler une licence Data Center')), 'sen');
    const replies = await chat.say(question);
    assert.ok(textsOf(replies).includes(defaultFaqEngine().entry(decision.kind === 'answer' ? decision.id : '')!.fr.answer));
    assert.equal(lastSlot(replies), 'sen');
    assert.ok(!textsOf(replies).includes(t('fr')('quote:invalid.sen')), 'not counted as a wrong answer');
  });

  it('help re-prompts the same slot; a language switch re-asks it in the new language', async () => {
    const chat = new Chat(bot, newConversation('help'), LOCALES.en);
    await chat.say('I need to renew a Data Center license');
    const help = await chat.say('help');
    assert.ok(textsOf(help).includes(t('en')('common:help.text')));
    assert.equal(lastSlot(help), 'sen');
    const french = await chat.say('en français');
    assert.equal(lastSlot(french), 'sen');
    assert.equal(french.at(-1)?.text, t('fr')('quote:ask.sen'));
  });

  it('cancel asks for confirmation: "non" resumes the prompt, "oui" leaves cleanly (fr)', async () => {
    const chat = new Chat(bot, newConversation('cancel'), LOCALES.fr);
    await chat.say('Je dois renouveler une licence Data Center');
    const asked = await chat.say('annuler');
    assert.ok(textsOf(asked).includes(t('fr')('common:cancel.confirm')));
    assert.equal(lastSlot(asked), undefined);
    const kept = await chat.say('non');
    assert.equal(lastSlot(kept), 'sen');
    await chat.say('annuler');
    const done = await chat.say('oui');
    assert.ok(textsOf(done).includes(t("fr")("common:cancel.doneUndo")));
    assert.equal(lastSlot(done), undefined);
    const after = await chat.say('SEN-L1234567');
    assert.equal(lastSlot(after), undefined, 'nothing is waiting for a SEN any more');
  });

  it('the summary is an Adaptive Card with a text fallback; Edit re-asks one slot; a card click confirms (en)', async () => {
    const chat = new Chat(bot, newConversation('edit'), LOCALES.en);
    const { confirm: _c, ...noConfirm } = ANSWERS.en;
    const run = await fillByPrompts(chat, await chat.say("I need to renew a customer's cloud subscription"), noConfirm);
    const summary = run.last.at(-1)!;
    assert.equal(summary.channelData?.slot, 'confirm');
    assert.ok(summary.text?.includes(ANSWERS.en.resellerEmail), 'plain-text fallback');
    const card = summary.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const actions = (card?.content as { actions: Array<{ type: string; title: string; data: { text: string } }> }).actions;
    assert.deepEqual(actions.map((a) => a.data.text), [t('en')('quote:summary.confirm'), t('en')('quote:summary.edit'), t('en')('quote:summary.cancel')]);

    const which = await chat.submit(actions[1]!.data);
    assert.equal(lastSlot(which), undefined, 'choosing a field is not a slot');
    assert.ok(which.at(-1)?.suggestedActions?.actions.some((a) => a.title === t('en')('quote:label.resellerEmail')));
    const reask = await chat.say(t('en')('quote:label.resellerEmail'));
    assert.equal(lastSlot(reask), 'resellerEmail');
    const again = await chat.say('sam@southcross.example.com');
    assert.equal(lastSlot(again), 'confirm', 'straight back to the summary');
    assert.ok(again.at(-1)?.text?.includes('sam@southcross.example.com'));
    const filed = await chat.submit(actions[0]!.data);
    const ref = /QR-\d{8}-\d{4,}/.exec(textsOf(filed))?.[0];
    const { body } = await staffGet(bot, `/api/quote-requests/${ref}`);
    assert.equal(body.resellerEmail, 'sam@southcross.example.com');
  });

  it('typed equivalents at the summary: "修改" edits, "确认" files (zh)', async () => {
    const chat = new Chat(bot, newConversation('zh-edit'), LOCALES.zh);
    const { confirm: _c, ...noConfirm } = ANSWERS.zh;
    await fillByPrompts(chat, await chat.say('我要续订客户的云订阅'), noConfirm);
    const which = await chat.say('修改');
    assert.ok(textsOf(which).includes(t('zh')('quote:edit.which')));
    assert.equal(lastSlot(await chat.say(t('zh')('quote:label.siteUrl'))), 'siteUrl');
    assert.equal(lastSlot(await chat.say('https://xinrui.atlassian.net')), 'confirm');
    const filed = await chat.say('确认');
    assert.match(textsOf(filed), /QR-\d{8}-\d{4,}/);
  });
});
