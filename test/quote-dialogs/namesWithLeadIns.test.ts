import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, staffBot, staffGet, t, textsOf, type Channel } from './support.js';

/**
 * Names, companies and contacts as resellers really type them, through the HTTP server
 * (black-box round 10: Q10-5, Q10-6, Q10-10, Q10-14, Q10-15). Each scenario is filed and the
 * stored request is read back from the staff API.
 */

const LANGS: Lang[] = ['en', 'fr', 'zh'];
/** One channel per language, both channels over the three (the first scenario runs on both). */
const CHANNEL_OF: Record<Lang, Channel> = { en: 'webchat', fr: 'msteams', zh: 'webchat' };

async function file(bot: ReturnType<ReturnType<typeof staffBot>>, chat: Chat, first: Awaited<ReturnType<Chat['say']>>, lang: Lang, answers: Record<string, string> = {}) {
  const run = await fillByPrompts(chat, first, { ...ANSWERS[lang], ...answers });
  assert.ok(run.ref, `not filed; asked ${run.asked.join(', ')}: ${textsOf(run.last)}`);
  return { run, body: (await staffGet(bot, `/api/quote-requests/${run.ref}`)).body };
}

describe('Quote dialogs: names, companies and contacts as typed (QA10)', function () {
  this.timeout(180_000);
  const bot = staffBot();

  const signed: Record<Lang, { open: string; name: string; said: string; company: string; email: string }> = {
    en: { open: "we'd like a new cloud subscription: Jira Standard, 50 users", said: 'fine, yearly then. Dana Whitlock, Ferncliff Systems, dana.whitlock@ferncliff.example', name: 'Dana Whitlock', company: 'Ferncliff Systems', email: 'dana.whitlock@ferncliff.example' },
    fr: { open: 'il nous faut un nouvel abonnement cloud : Jira Standard, 50 utilisateurs', said: "bon d'accord, annuel alors. Julie Marceau, Onyx Conseil, julie.marceau@onyx-conseil.example", name: 'Julie Marceau', company: 'Onyx Conseil', email: 'julie.marceau@onyx-conseil.example' },
    zh: { open: '需要一个Jira云的新订阅，标准版，50用户', said: '那就按年付吧。刘强，北辰软件，liuqiang@beichen.example', name: '刘强', company: '北辰软件', email: 'liuqiang@beichen.example' },
  };
  for (const channel of CHANNELS) {
    for (const lang of LANGS) {
      it(`${channel} ${lang}: a sentence before "Name, Company, email" at the name prompt fills the three, never the company as the name (Q10-5)`, async () => {
        const c = signed[lang];
        const chat = new Chat(bot(), newConversation(`signed-name-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'resellerName', textsOf(opened));
        const named = await chat.say(c.said);
        assert.notEqual(lastSlot(named), 'resellerName', textsOf(named));
        assert.notEqual(lastSlot(named), 'resellerEmail', textsOf(named));
        const { body } = await file(bot(), chat, named, lang);
        assert.deepEqual([body.resellerName, body.resellerCompany, body.resellerEmail], [c.name, c.company, c.email]);
      });
    }
  }

  const leadIns: Record<Lang, { open: string; contact: string; contactName: string; self: string; selfName: string }> = {
    en: { open: 'Annual quote for an existing Confluence cloud site pinecrest-ops.atlassian.net, 100 users', contact: 'ok fine, Marcus Lowe', contactName: 'Marcus Lowe', self: 'Nora Quinlan - same as last time!', selfName: 'Nora Quinlan' },
    fr: { open: 'Devis annuel pour un site Confluence cloud existant pinecrest-ops.atlassian.net, 100 utilisateurs', contact: "vous l'avez déjà eu : Odile Vasseur", contactName: 'Odile Vasseur', self: 'Lina Ferrand - comme la dernière fois !', selfName: 'Lina Ferrand' },
    zh: { open: '现有Confluence云站点 pinecrest-ops.atlassian.net 要年度报价，100用户', contact: '我刚告诉过你了——赵敏', contactName: '赵敏', self: '好吧，周楠', selfName: '周楠' },
  };
  for (const lang of LANGS) {
    it(`${CHANNEL_OF[lang]} ${lang}: a lead-in or a remark beside a name is left out of it (Q10-5, Q10-14)`, async () => {
      const c = leadIns[lang];
      const chat = new Chat(bot(), newConversation(`lead-in-name-${lang}`), LOCALES[lang], {}, CHANNEL_OF[lang]);
      const { body } = await file(bot(), chat, await chat.say(c.open), lang, { resellerName: c.self, authorizedContactName: c.contact });
      assert.equal(body.resellerName, c.selfName);
      assert.equal(body.authorizedContactName, c.contactName);
    });
  }

  const newSub: Record<Lang, { open: string; fix: string }> = {
    en: { open: 'annual quote for an existing Jira cloud site larkspur-demo.atlassian.net, 100 users, standard', fix: "hold on, this is a NEW subscription, they don't have cloud yet" },
    fr: { open: 'devis annuel pour un site Jira cloud existant larkspur-demo.atlassian.net, 100 utilisateurs, standard', fix: "attendez, c'est un nouvel abonnement, ils n'ont pas encore de site" },
    zh: { open: '现有Jira云站点 larkspur-demo.atlassian.net 要年度报价，100用户，标准版', fix: '等一下，这是新订阅，他们还没有站点' },
  };
  for (const lang of LANGS) {
    it(`${CHANNEL_OF[lang]} ${lang}: "this is a new subscription" at the name prompt switches the kind, never a name (Q10-5)`, async () => {
      const c = newSub[lang];
      const chat = new Chat(bot(), newConversation(`new-sub-name-${lang}`), LOCALES[lang], {}, CHANNEL_OF[lang]);
      const opened = await chat.say(c.open);
      assert.equal(lastSlot(opened), 'resellerName', textsOf(opened));
      const switched = await chat.say(c.fix);
      assert.ok(textsOf(switched).includes(t(lang)('quoteDialog:kindChanged', { kind: t(lang)('quote:kind.cloud-new') })), textsOf(switched));
      const { body } = await file(bot(), chat, switched, lang);
      assert.equal(body.kind, 'cloud-new');
      assert.equal(body.resellerName, ANSWERS[lang].resellerName);
      // The site said for the existing site is the one they want: kept in the notes.
      assert.ok(body.notes?.includes('larkspur-demo.atlassian.net'), body.notes);
    });
  }

  const summary: Record<Lang, { open: string; fix: string; name: string; company: string; site: string }> = {
    en: { open: "we'd like a new cloud subscription: Jira, 50 users", fix: "my name is Dana Whitlock, Ferncliff is the company. And it's Premium edition, site they want is ferncliff-demo.atlassian.net", name: 'Dana Whitlock', company: 'Ferncliff', site: 'ferncliff-demo.atlassian.net' },
    fr: { open: 'il nous faut un nouvel abonnement cloud : Jira, 50 utilisateurs', fix: "je m'appelle Julie Marceau, Onyx est notre société. Et c'est l'édition Premium, le site voulu est onyx-demo.atlassian.net", name: 'Julie Marceau', company: 'Onyx', site: 'onyx-demo.atlassian.net' },
    zh: { open: '需要一个Jira云的新订阅，50用户', fix: '我叫刘强，北辰软件是我们公司。另外是高级版，想要的站点是 beichen-demo.atlassian.net', name: '刘强', company: '北辰软件', site: 'beichen-demo.atlassian.net' },
  };
  for (const lang of LANGS) {
    it(`${CHANNEL_OF[lang]} ${lang}: under the summary the name, the company said before its role, the edition and the wanted site are each kept (Q10-6)`, async () => {
      const c = summary[lang];
      const chat = new Chat(bot(), newConversation(`summary-fix-${lang}`), LOCALES[lang], {}, CHANNEL_OF[lang]);
      const { confirm: _confirm, resellerCompany: _company, ...noConfirm } = ANSWERS[lang];
      const run = await fillByPrompts(chat, await chat.say(c.open), { ...noConfirm, resellerName: c.company, edition: 'Standard' });
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      const fixed = await chat.say(c.fix);
      assert.equal(lastSlot(fixed), 'confirm', textsOf(fixed));
      assert.ok(textsOf(fixed).includes(c.site), `the wanted site is said back: ${textsOf(fixed)}`);
      const { body } = await file(bot(), chat, await chat.say(ANSWERS[lang].confirm!), lang);
      assert.equal(body.resellerName, c.name);
      assert.equal(body.resellerCompany, c.company);
      assert.equal(body.items[0].edition, 'premium');
      assert.ok(body.notes?.includes(c.site), body.notes);
    });
  }

  const contact: Record<Lang, { open: string; name: string; email: string }> = {
    en: { open: "Need an annual quote for an existing Confluence Cloud site marlow-ops.atlassian.net, Standard, 100 users. Authorized contact on the site is Gemma Royle gemma.royle@marlowops.example. I'm Ravi Menon, Quayside Partners, ravi.menon@quayside.example", name: 'Gemma Royle', email: 'gemma.royle@marlowops.example' },
    fr: { open: 'Il faut un devis annuel pour un site Confluence Cloud existant marlow-ops.atlassian.net, Standard, 100 utilisateurs. Le contact autorisé sur le site est Gemma Royle gemma.royle@marlowops.example. Je suis Ravi Menon, Quayside Partenaires, ravi.menon@quayside.example', name: 'Gemma Royle', email: 'gemma.royle@marlowops.example' },
    zh: { open: '现有 Confluence 云站点 marlow-ops.atlassian.net 要年度报价，标准版，100用户。站点上的授权联系人是郭婷 guoting@marlowops.example。我是启航软件的孙浩，sunhao@qihang.example', name: '郭婷', email: 'guoting@marlowops.example' },
  };
  for (const lang of LANGS) {
    it(`${CHANNEL_OF[lang]} ${lang}: the authorized contact "on the site" in the opening is taken, not asked again (Q10-15)`, async () => {
      const c = contact[lang];
      const chat = new Chat(bot(), newConversation(`site-contact-${lang}`), LOCALES[lang], {}, CHANNEL_OF[lang]);
      const { run, body } = await file(bot(), chat, await chat.say(c.open), lang);
      assert.ok(!run.asked.includes('authorizedContactName') && !run.asked.includes('authorizedContactEmail'), run.asked.join(', '));
      assert.deepEqual([body.authorizedContactName, body.authorizedContactEmail], [c.name, c.email]);
    });
  }

  const coterm: Record<Lang, { open: string; name: string; company: string; email: string }> = {
    en: { open: 'They want SEN-L4410077 and SEN-L4410099 co-termed to 31 Oct 2027. Kieran Doyle, Ashgrove Software, kieran@ashgrove-sw.example', name: 'Kieran Doyle', company: 'Ashgrove Software', email: 'kieran@ashgrove-sw.example' },
    fr: { open: 'Ils veulent aligner SEN-L4410077 et SEN-L4410099 au 31/10/2027. Kieran Doyle, Ashgrove Logiciels, kieran@ashgrove-sw.example', name: 'Kieran Doyle', company: 'Ashgrove Logiciels', email: 'kieran@ashgrove-sw.example' },
    zh: { open: '客户想把SEN-L4410077和SEN-L4410099统一到2027年10月31日。孙浩，启航软件，sunhao@qihang.example', name: '孙浩', company: '启航软件', email: 'sunhao@qihang.example' },
  };
  for (const lang of LANGS) {
    it(`${CHANNEL_OF[lang]} ${lang}: a co-term opening signed "Name, Company, email" goes straight to the summary with the three (Q10-10)`, async () => {
      const c = coterm[lang];
      const chat = new Chat(bot(), newConversation(`coterm-signed-${lang}`), LOCALES[lang], {}, CHANNEL_OF[lang]);
      const opened = await chat.say(c.open);
      assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
      const { body } = await file(bot(), chat, opened, lang);
      assert.deepEqual([body.resellerName, body.resellerCompany, body.resellerEmail], [c.name, c.company, c.email]);
      assert.equal(body.coterm.targetDate, '2027-10-31');
    });
  }
});
