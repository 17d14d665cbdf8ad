import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * One person in two roles (black-box round 11, F29), through the HTTP server: "Name, email, she
 * is also the customer contact" at the technical contact's prompt fills the end user too; at the
 * end user's name prompt, "the same one, <the technical contact's name>" takes their email as
 * well. Neither is asked again; the filed request holds the same person twice.
 */

const OPEN: Record<Lang, string> = {
  fr: 'renouvellement Data Center Confluence SEN-L3141592, 500 utilisateurs, 1 an',
  zh: '要一个Confluence Data Center续订报价，SEN-L3141592，500用户，维护1年',
  en: 'Data Center renewal quote for Confluence, SEN-L3141592, 500 users, 1 year',
};
const BOTH: Record<Lang, { line: string; name: string; email: string }> = {
  fr: { line: "Maëlle Ferrier, maelle.ferrier@atelier-ferrier.fr, c'est aussi le contact client", name: 'Maëlle Ferrier', email: 'maelle.ferrier@atelier-ferrier.fr' },
  zh: { line: '叶青，yeqing@qingshan-group.cn，也是客户联系人', name: '叶青', email: 'yeqing@qingshan-group.cn' },
  en: { line: 'Hollis Marsh, hollis@marsh-dairy.co.uk, she is also the end user', name: 'Hollis Marsh', email: 'hollis@marsh-dairy.co.uk' },
};
const SAME: Record<Lang, (name: string) => string> = { fr: (n) => `la même, ${n}`, zh: (n) => `同一个人，${n}`, en: (n) => `the same one, ${n}` };

const PEOPLE = ['technicalContactName', 'technicalContactEmail', 'endUserName', 'endUserEmail'];

describe('Quote dialogs: one person in two roles (qa11 F29)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: "…, also the customer contact" fills the end user too`, async () => {
        const chat = new Chat(bot(), newConversation(`two-roles-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const { confirm, ...answers } = ANSWERS[lang];
        const others = Object.fromEntries(Object.entries(answers).filter(([k]) => !PEOPLE.includes(k)));
        const start = await fillByPrompts(chat, await chat.say(OPEN[lang]), others);
        assert.match(lastSlot(start.last) ?? '', /^technicalContact/u, textsOf(start.last));
        const c = BOTH[lang];
        const run = await fillByPrompts(chat, await chat.say(c.line), others);
        assert.ok(!run.asked.some((s) => PEOPLE.includes(s)), `no person asked again: ${run.asked.join(', ')}`);
        assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
        const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
        assert.ok(ref, 'filed');
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.deepEqual([body.technicalContactName, body.technicalContactEmail, body.endUserName, body.endUserEmail], [c.name, c.email, c.name, c.email]);
      });
    }
  }
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "the same one, <name>" at the end user's name takes that person's email too`, async () => {
      const chat = new Chat(bot(), newConversation(`same-one-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const others = Object.fromEntries(Object.entries(answers).filter(([k]) => !k.startsWith('endUser')));
      const c = BOTH[lang];
      const { technicalContactName: _n, technicalContactEmail: _e, ...rest } = others;
      const start = await fillByPrompts(chat, await chat.say(OPEN[lang]), rest);
      assert.match(lastSlot(start.last) ?? '', /^technicalContact/u, textsOf(start.last));
      const contact = await fillByPrompts(chat, await chat.say(`${c.name}, ${c.email}`), rest);
      assert.equal(lastSlot(contact.last), 'endUserName', textsOf(contact.last));
      const run = await fillByPrompts(chat, await chat.say(SAME[lang](c.name)), others);
      assert.ok(!run.asked.includes('endUserEmail'), `the email not asked: ${run.asked.join(', ')}`);
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref, textsOf(run.last));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.deepEqual([body.endUserName, body.endUserEmail], [c.name, c.email]);
    });
  }
});
