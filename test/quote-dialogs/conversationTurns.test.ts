import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { Chat, fillByPrompts, LOCALES, newConversation, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * Defects a black-box tester found in real conversation, through the HTTP server in fr, zh and
 * en: a language request with the answer in the same message. Pure tables for the same
 * behaviours: test/quote-domain/conversationTurns.test.ts.
 */

/** A new cloud subscription, opened in one language: its prompts up to the end user's name. */
const OPEN: Record<Lang, { open: string; answers: Record<string, string> }> = {
  fr: {
    open: 'bonjour, il me faut un devis pour un nouvel abonnement Jira Cloud, 50 utilisateurs, édition Standard',
    answers: { resellerName: 'Hugo Lambert', resellerEmail: 'hugo@lambert-it.fr', billingAddress: '4 quai des Chartrons, 33000 Bordeaux' },
  },
  zh: {
    open: '你好，客户还没有站点，我要一个新的Jira Cloud订阅报价，50个用户，标准版',
    answers: { resellerName: '陈静', resellerEmail: 'chenjing@huitong-it.cn', billingAddress: '杭州市西湖区文三路90号' },
  },
  en: {
    open: 'hi, I need a quote for a new Jira Cloud subscription, 50 users, Standard edition',
    answers: { resellerName: 'Nina Patel', resellerEmail: 'nina@patel-it.co.uk', billingAddress: '8 King Street, Leeds LS1 2HL, United Kingdom' },
  },
};

/** Switching to `to` at the end user's prompt, with the name in the same message. */
const SWITCH: Record<Lang, { from: Lang; text: string; name: string; email: string }> = {
  fr: { from: 'en', text: "on peut passer en français ? le contact c'est Marie Roux", name: 'Marie Roux', email: 'marie.roux@client-exemple.fr' },
  zh: { from: 'fr', text: '用中文吧，联系人是王芳', name: '王芳', email: 'wangfang@kehu-example.cn' },
  en: { from: 'zh', text: 'can we continue in English? the contact is Li Na', name: 'Li Na', email: 'li.na@customer-example.com' },
};

/** A Data Center renewal (no tier field): a cued note at the first prompt, then a fact, a question and a yes under the summary. */
const RENEWAL: Record<Lang, { open: string; cued: string; cuedNote: string; answers: Record<string, string>; fact: string; question: string; yes: string }> = {
  fr: {
    open: 'bonjour, devis de renouvellement Confluence Data Center, SEN-L2468024',
    cued: 'remarque : le bon de commande suivra par courrier',
    cuedNote: 'le bon de commande suivra par courrier',
    answers: { technicalContactEmail: 'it@client-exemple.fr', endUserName: 'Li Wei', endUserEmail: 'liwei@client-exemple.fr', resellerName: 'Hugo Lambert', resellerEmail: 'hugo@lambert-it.fr' },
    fact: 'ils ont 120 utilisateurs aujourd’hui, pensez-y',
    question: "ok mais c'est quoi le délai ?",
    yes: "c'est bon pour moi",
  },
  zh: {
    open: '你好，续订 Confluence 数据中心，SEN-L2468025',
    cued: '备注：需要开增值税专票',
    cuedNote: '需要开增值税专票',
    answers: { technicalContactEmail: 'it@kehu-example.cn', endUserName: '李伟', endUserEmail: 'liwei@kehu-example.cn', resellerName: '周婷', resellerEmail: 'zhouting@xinrui-partner.com' },
    fact: '还有用户数80个agent别漏了',
    question: '好的，一般要多久？',
    yes: '没问题，提交吧',
  },
  en: {
    open: 'hi, renewal quote for Confluence Data Center, SEN-L2468026',
    cued: 'please note the PO number is 7781',
    cuedNote: 'the PO number is 7781',
    answers: { technicalContactEmail: 'it@customer-example.com', endUserName: 'Owen Price', endUserEmail: 'owen@customer-example.com', resellerName: 'Nina Patel', resellerEmail: 'nina@patel-it.co.uk' },
    fact: 'they need it before 20 January',
    question: 'ok, and how long does it take?',
    yes: 'looks good, send it',
  },
};

describe('Quote dialogs: defects found in real conversation', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const to of ['fr', 'zh', 'en'] as const) {
    const s = SWITCH[to];
    it(`${to}: "${s.text}" at the end user's prompt switches to ${to} and takes the name`, async () => {
      const chat = new Chat(bot(), newConversation(`switch-${to}`), LOCALES[s.from]);
      const run = await fillByPrompts(chat, await chat.say(OPEN[s.from].open), OPEN[s.from].answers);
      assert.equal(run.asked.at(-1), 'endUserName', `reached the end user's prompt: ${run.asked.join(', ')}`);
      const replies = await chat.say(s.text);
      const said = textsOf(replies);
      assert.ok(said.includes(t(to)('common:language.switched')), `the switch is said: ${said}`);
      assert.equal(lastSlot(replies), 'endUserEmail', `the name was the answer: ${said}`);
      assert.ok(said.includes(t(to)('quote:ask.endUserEmail')), `asked in the new language: ${said}`);
      const done = await fillByPrompts(chat, await chat.say(s.email), { confirm: t(to)('quote:summary.confirm') });
      assert.ok(done.ref, `filed: ${textsOf(done.last)}`);
      const { body } = await staffGet(bot(), `/api/quote-requests/${done.ref}`);
      assert.equal(body.endUserName, s.name);
      assert.equal(body.endUserEmail, s.email);
    });
  }

  for (const lang of ['fr', 'zh', 'en'] as const) {
    const r = RENEWAL[lang];
    it(`${lang}: a cued note at a prompt and a fact without a field under the summary go to the notes, said back; a question is no yes`, async () => {
      const chat = new Chat(bot(), newConversation(`notes-${lang}`), LOCALES[lang]);
      const opened = await chat.say(r.open);
      const first = lastSlot(opened);
      assert.ok(first, `a form started: ${textsOf(opened)}`);
      const cued = await chat.say(r.cued);
      assert.ok(textsOf(cued).includes(t(lang)('quoteDialog:notes.added', { note: r.cuedNote })), textsOf(cued));
      assert.equal(lastSlot(cued), first, 'the same prompt again');
      const run = await fillByPrompts(chat, cued, r.answers);
      assert.equal(run.asked.at(-1), 'confirm', `reached the summary: ${run.asked.join(', ')}`);
      const fact = await chat.say(r.fact);
      assert.ok(textsOf(fact).includes(t(lang)('quoteDialog:notes.added', { note: r.fact })), textsOf(fact));
      assert.equal(lastSlot(fact), 'confirm', 'the summary again');
      const asked = await chat.say(r.question);
      assert.equal(lastSlot(asked), 'confirm', `a question is not a yes: ${textsOf(asked)}`);
      assert.ok(!/QR-\d{8}/u.test(textsOf(asked)), 'not filed');
      const done = await fillByPrompts(chat, await chat.say(r.yes), {});
      assert.ok(done.ref, `filed on "${r.yes}": ${textsOf(done.last)}`);
      const { body } = await staffGet(bot(), `/api/quote-requests/${done.ref}`);
      assert.ok(body.notes.includes(r.cuedNote) && body.notes.includes(r.fact), body.notes);
    });
  }

  /** Under the summary of a renewal: another SEN, a field said wrong without a value, a marker alone. */
  const SUMMARY: Record<Lang, { addSen: string; wrong: string; newEmail: string; alone: string }> = {
    fr: { addSen: 'il y a aussi SEN-L1357913', wrong: "l'email est faux", newEmail: 'hugo@lambert-it.com', alone: 'non attends' },
    zh: { addSen: '还有一个SEN-L1357914', wrong: '邮箱写错了', newEmail: 'zhouting@xinrui-partner.cn', alone: '不对不对' },
    en: { addSen: 'add SEN-L1357915 as well', wrong: 'my email is wrong', newEmail: 'nina@patel-it.com', alone: 'wait, wrong' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    const r = RENEWAL[lang];
    const u = SUMMARY[lang];
    it(`${lang}: under the summary a SEN is added, "${u.wrong}" edits that field at once, "${u.alone}" opens the Edit menu`, async () => {
      const chat = new Chat(bot(), newConversation(`summary-${lang}`), LOCALES[lang]);
      const run = await fillByPrompts(chat, await chat.say(r.open), r.answers);
      assert.equal(run.asked.at(-1), 'confirm', `reached the summary: ${run.asked.join(', ')}`);
      const added = await chat.say(u.addSen);
      assert.equal(lastSlot(added), 'confirm', textsOf(added));
      const wrong = await chat.say(u.wrong);
      assert.equal(lastSlot(wrong), 'resellerEmail', `straight to the field: ${textsOf(wrong)}`);
      assert.ok(!textsOf(wrong).includes(t(lang)('quote:edit.which')), 'no field menu');
      const fixed = await chat.say(u.newEmail);
      assert.equal(lastSlot(fixed), 'confirm', textsOf(fixed));
      const menu = await chat.say(u.alone);
      assert.ok(textsOf(menu).includes(t(lang)('quote:edit.which')), `the Edit menu: ${textsOf(menu)}`);
      // Back to the summary through the menu's own field, then filed.
      const back = await chat.say(t(lang)('quote:label.notes'));
      const done = await fillByPrompts(chat, await chat.say(lastSlot(back) === 'notes' ? '-' : t(lang)('quote:summary.confirm')), { confirm: t(lang)('quote:summary.confirm') });
      assert.ok(done.ref, `filed: ${textsOf(done.last)}`);
      const { body } = await staffGet(bot(), `/api/quote-requests/${done.ref}`);
      assert.equal((body.sens ?? [body.sen]).length, 2, JSON.stringify(body.sens ?? body.sen));
      assert.equal(body.resellerEmail, u.newEmail);
    });
  }

  /** During a renewal, another flow (a person, a new request), then back to the quote. */
  const RESUME: Record<Lang, { away: string; back: string }> = {
    fr: { away: 'je voudrais parler à un conseiller', back: 'reprendre mon devis' },
    zh: { away: '重新开始：新的Jira Cloud订阅，客户还没有站点，30个用户', back: '继续刚才的报价' },
    en: { away: 'start over: new Jira Cloud subscription, no site yet, 30 users', back: 'back to my quote' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    const r = RENEWAL[lang];
    it(`${lang}: "${RESUME[lang].back}" after "${RESUME[lang].away}" brings the quote back where it was`, async () => {
      const chat = new Chat(bot(), newConversation(`resume-${lang}`), LOCALES[lang]);
      const run = await fillByPrompts(chat, await chat.say(r.open), { technicalContactEmail: r.answers.technicalContactEmail! });
      assert.equal(run.asked.at(-1), 'endUserName', run.asked.join(', '));
      const away = await chat.say(RESUME[lang].away);
      assert.notEqual(lastSlot(away), 'endUserName', `another flow: ${textsOf(away)}`);
      const back = await chat.say(RESUME[lang].back);
      assert.ok(textsOf(back).includes(t(lang)('common:resume.done')), textsOf(back));
      assert.equal(lastSlot(back), 'endUserName', `the same prompt: ${textsOf(back)}`);
      const done = await fillByPrompts(chat, back, { ...r.answers, confirm: t(lang)('quote:summary.confirm') });
      assert.ok(done.ref, `filed: ${textsOf(done.last)}`);
      const { body } = await staffGet(bot(), `/api/quote-requests/${done.ref}`);
      assert.equal(body.technicalContactEmail, r.answers.technicalContactEmail, 'what was given is kept');
    });
  }

  /** "tout faux, on recommence" is a restart: the cancel confirmation, as for "start over". */
  const RESTART: Record<Lang, string> = { fr: 'tout faux, on recommence', zh: 'SEN不对 重新开始吧', en: 'all wrong, start over' };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "${RESTART[lang]}" asks to confirm the restart`, async () => {
      const chat = new Chat(bot(), newConversation(`restart-${lang}`), LOCALES[lang]);
      await chat.say(RENEWAL[lang].open);
      const replies = await chat.say(RESTART[lang]);
      assert.ok(textsOf(replies).includes(t(lang)('common:cancel.confirm')), textsOf(replies));
    });
  }

  /** An address at the reseller's name prompt of a new Data Center licence. */
  const ADDRESS: Record<Lang, { open: string; address: string; name: string }> = {
    fr: { open: 'devis pour une nouvelle licence Jira Data Center, 1000 utilisateurs, 1 an de maintenance', address: '12 rue de la Paix, 75002 Paris', name: 'Hugo Lambert' },
    zh: { open: '我要报价：新的Jira数据中心许可证，1000个用户，维护1年', address: '上海市浦东新区张江路88号', name: '周婷' },
    en: { open: 'quote for a new Jira Data Center licence, 1000 users, 1 year of maintenance', address: '22 Pitt St, Sydney NSW 2000, Australia', name: 'Nina Patel' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    const a = ADDRESS[lang];
    it(`${lang}: "${a.address}" at the name prompt is kept as the address, said back, and the name asked again`, async () => {
      const chat = new Chat(bot(), newConversation(`address-${lang}`), LOCALES[lang]);
      const opened = await chat.say(a.open);
      assert.equal(lastSlot(opened), 'resellerName', textsOf(opened));
      const replies = await chat.say(a.address);
      assert.equal(lastSlot(replies), 'resellerName', textsOf(replies));
      assert.ok(textsOf(replies).includes(a.address), `said back: ${textsOf(replies)}`);
      const next = await chat.say(a.name);
      assert.notEqual(lastSlot(next), 'billingAddress', 'the address is not asked again');
    });
  }

  const DIFFERENCE: Record<Lang, string> = {
    fr: 'quelle est la différence entre le contact technique et le contact de facturation ?',
    zh: '技术联系人和账单联系人有什么区别？',
    en: "what's the difference between the technical contact and the billing contact?",
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "${DIFFERENCE[lang]}" explains both fields, then the same prompt`, async () => {
      const chat = new Chat(bot(), newConversation(`difference-${lang}`), LOCALES[lang]);
      const opened = await chat.say(ADDRESS[lang].open);
      assert.equal(lastSlot(opened), 'resellerName', textsOf(opened));
      const replies = await chat.say(DIFFERENCE[lang]);
      assert.equal(lastSlot(replies), 'resellerName', textsOf(replies));
      for (const slot of ['technicalContactName', 'resellerCompany']) {
        assert.ok(textsOf(replies).includes(t(lang)(`quote:label.${slot}`)), `${slot} explained: ${textsOf(replies)}`);
      }
    });
  }
});
