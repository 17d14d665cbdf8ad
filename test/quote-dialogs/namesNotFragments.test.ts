import assert from 'node:assert/strict';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * Names said with a pointer or a role beside them, through the HTTP server (QA9 Q9-2: "c'est moi
 * le contact, Luc Besson-Morel (…)" was filed as the name "le contact", "…，站点管理员是她的职位"
 * as "职位", and "le revendeur c'est moi, …; X est le contact technique" did not undo a swap).
 */

describe('Quote dialogs: a pointer or a role is never stored as a name (Q9-2)', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    it(`${channel} fr: "c'est moi le contact, <nom> (…)" at the name prompt is that name`, async () => {
      const chat = new Chat(bot(), newConversation(`pointer-name-${channel}-fr`), LOCALES.fr, {}, channel);
      await chat.say(
        'Bonjour, on voudrait aligner la maintenance de 2 licences DC chez notre client Coopérative Vallée Verte : Jira SEN-L3108842 et Confluence SEN-L3108867, fin commune au 30/09/2027. Contact : Margaux Delahaye-Roux, margaux@axiome-conseil.fr',
      );
      // "fin commune au …" is the co-term target, not a licence's current end: the name is asked next.
      const named = await chat.say("c'est moi le contact, Margaux Delahaye-Roux (revendeuse chez Axiome)");
      // The contact of the opening is the reseller: their email is hers, said back, and no longer listed as the end user's.
      assert.equal(lastSlot(named), 'confirm', textsOf(named));
      assert.ok(textsOf(named).includes('margaux@axiome-conseil.fr'), textsOf(named));
      const ref = QR.exec(textsOf(await chat.say('Confirmer')))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.resellerName, 'Margaux Delahaye-Roux');
      assert.equal(body.resellerEmail, 'margaux@axiome-conseil.fr');
      assert.equal(body.coterm.targetDate, '2027-09-30');
      assert.ok(!body.notes.includes('Margaux'), body.notes);
    });

    it(`${channel} zh: "联系人名字只是…，站点管理员是她的职位" under the summary sets the name, never the title`, async () => {
      const chat = new Chat(bot(), newConversation(`pointer-name-${channel}-zh`), LOCALES.zh, {}, channel);
      const opened = await chat.say('云站点升级：lanting-edu.atlassian.net，Confluence 从标准版升级到高级版，200个用户。授权联系人梁思琪，liangsq@lanting-edu.cn。我是经销商贺文博，hewb@yuanhang-it.cn');
      assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
      const fixed = await chat.say('联系人名字只是梁思雨，站点管理员是她的职位');
      assert.ok(textsOf(fixed).includes('梁思雨'), textsOf(fixed));
      assert.ok(!textsOf(fixed).includes('职位'), `the title is no value: ${textsOf(fixed)}`);
      const ref = QR.exec(textsOf(await chat.say('确认')))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.authorizedContactName, '梁思雨');
    });

    it(`${channel} en: a wrong swap put back by naming each role, each email follows its person`, async () => {
      const chat = new Chat(bot(), newConversation(`pointer-name-${channel}-en`), LOCALES.en, {}, channel);
      const opened = await chat.say('Data Center upgrade for Confluence SEN-L7740356 from 500 to 1000 users. Technical contact Priya Raman priya.raman@kelpworks.com. I am Dylan Forde dylan.forde@brightlane.ie');
      assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
      await chat.say('oops I mixed up the two people');
      const back = await chat.say("no, I didn't want them swapped. The reseller is me, Dylan Forde dylan.forde@brightlane.ie; Priya Raman is the technical contact");
      assert.equal(lastSlot(back), 'confirm', textsOf(back));
      const ref = QR.exec(textsOf(await chat.say('Confirm')))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.resellerName, 'Dylan Forde');
      assert.equal(body.resellerEmail, 'dylan.forde@brightlane.ie');
      assert.equal(body.technicalContactName, 'Priya Raman');
      assert.equal(body.technicalContactEmail, 'priya.raman@kelpworks.com');
    });
  }
});
