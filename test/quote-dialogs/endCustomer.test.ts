import assert from 'node:assert/strict';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * The end customer (end user licensee organisation) and the reseller's company through the HTTP
 * server, read back from the staff API (QA10 Q10-1, Q10-3, Q10-4 "cust =", Q10-8): the customer
 * named in the opening without a role phrase is filed; a correction under the summary changes it
 * and never the reseller's company; a co-term files both as fields; a renewal or an upgrade
 * without the customer says so at the summary and takes it there.
 */

describe('Quote dialogs: the end customer and the reseller company (Q10)', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    it(`${channel} zh: "客户X的…" in the opening is filed; "客户公司名是…" under the summary changes it, our company stays`, async () => {
      const chat = new Chat(bot(), newConversation(`end-customer-${channel}-zh`), LOCALES.zh, {}, channel);
      const opened = await chat.say(
        '您好！客户青松制药的Jira Data Center要升级，从500用户升到1000用户，SEN是SEN-L5520031。我是南京云帆科技的周敏，zhoumin@yunfan-tech.cn。技术联系人是高林 gaolin@qingsong-pharma.cn',
      );
      assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
      assert.ok(textsOf(opened).includes('青松制药'), textsOf(opened));
      const fixed = await chat.say('客户公司名是青松制药有限公司，你没写上');
      assert.equal(lastSlot(fixed), 'confirm', textsOf(fixed));
      assert.ok(!textsOf(fixed).includes('名是'), textsOf(fixed));
      assert.ok(!textsOf(fixed).includes('原为南京云帆科技'), `our company must not change: ${textsOf(fixed)}`);
      const ref = QR.exec(textsOf(await chat.say('确认')))?.[0];
      assert.ok(ref, textsOf(chat.transcript));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.endUserOrganization, '青松制药有限公司');
      assert.equal(body.resellerCompany, '南京云帆科技');
      assert.equal(body.resellerName, '周敏');
    });
  }

  it('webchat fr: "notre client X a un site …" is X; the current Standard/50 stay in the notes; the change line elides "d\'"', async () => {
    const chat = new Chat(bot(), newConversation('end-customer-fr-upgrade'), LOCALES.fr);
    const opened = await chat.say(
      "Bonjour, notre client Atelier Verdelet a un site jira cloud (verdelet.atlassian.net) en Standard 50 utilisateurs, ils veulent passer en Premium et monter à 100 utilisateurs. moi c'est Claire Aubry, Sillon Numérique, c.aubry@sillon-num.fr",
    );
    assert.ok(!textsOf(opened).includes('a un site'), textsOf(opened));
    const run = await fillByPrompts(chat, opened, { authorizedContactName: 'Lucie Verdelet', authorizedContactEmail: 'lucie@verdelet.fr' });
    assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
    const fixed = await chat.say('en fait la société cliente c\'est Ateliers Verdelet SAS');
    assert.ok(textsOf(fixed).includes("au lieu d'Atelier Verdelet"), textsOf(fixed));
    const ref = QR.exec(textsOf(await chat.say('Confirmer')))?.[0];
    assert.ok(ref, textsOf(chat.transcript));
    const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
    assert.equal(body.endUserOrganization, 'Ateliers Verdelet SAS');
    assert.equal(body.resellerCompany, 'Sillon Numérique');
    assert.equal(body.edition, 'premium');
    assert.equal(body.items[0].tier, 100);
    assert.match(body.notes, /Palier actuel : 50 utilisateurs/u);
    assert.match(body.notes, /Édition actuelle : Standard/u);
  });

  it('msteams fr: "c\'est un Jira DC chez X" at the SEN prompt of a DC upgrade is the customer', async () => {
    const chat = new Chat(bot(), newConversation('end-customer-fr-chez'), LOCALES.fr, {}, 'msteams');
    const opened = await chat.say('Bonjour, je voudrais un devis de mise à niveau Data Center');
    assert.equal(lastSlot(opened), 'sen', textsOf(opened));
    const said = await chat.say("SEN-L4471203, c'est un Jira DC chez Mutuelle des Trois Vallées, ils passent de 500 à 1000 utilisateurs");
    assert.ok(textsOf(said).includes('Mutuelle des Trois Vallées'), textsOf(said));
    const run = await fillByPrompts(chat, said, {
      product: 'Jira',
      technicalContactName: 'Hugo Ferrand',
      technicalContactEmail: 'h.ferrand@mtv-mutuelle.fr',
      resellerName: 'Anne Rival',
      resellerEmail: 'anne.rival@rival-it.fr',
      confirm: 'Confirmer',
    });
    assert.ok(run.ref, textsOf(run.last));
    const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
    assert.equal(body.endUserOrganization, 'Mutuelle des Trois Vallées');
  });

  it('msteams en: "cust = X" in a hurried DC renewal is filed as the customer', async () => {
    const chat = new Chat(bot(), newConversation('end-customer-en-cust'), LOCALES.en, {}, 'msteams');
    const opened = await chat.say('DC renewal for Bitbucket pls, SEN-L7782301, 2 years. cust = Fenwick & Rowe Housing Trust. me: Dara Quinn, Lattice Works, dara.quinn@latticeworks.io');
    assert.ok(textsOf(opened).includes('Fenwick & Rowe Housing Trust'), textsOf(opened));
    const run = await fillByPrompts(chat, opened, {
      product: 'Bitbucket',
      technicalContactEmail: 'it@fenwickrowe.org.uk',
      endUserName: 'Maeve Doyle',
      endUserEmail: 'maeve.doyle@fenwickrowe.org.uk',
      confirm: 'Confirm',
    });
    assert.ok(run.ref, textsOf(run.last));
    assert.ok(!run.asked.includes('endUserOrganization'), run.asked.join(','));
    const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
    assert.equal(body.endUserOrganization, 'Fenwick & Rowe Housing Trust');
    assert.equal(body.resellerCompany, 'Lattice Works');
  });

  it('webchat zh: a co-term files the customer and our company as fields, not as notes', async () => {
    const chat = new Chat(bot(), newConversation('end-customer-zh-coterm'), LOCALES.zh);
    const opened = await chat.say('你好，客户博远数据有两个DC许可证想统一维护到期日：Jira SEN-L6610021，Confluence SEN-L6610032，统一到2027年10月31日。我是苏州明远科技的钱芳，qianfang@mingyuan-tech.cn');
    assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
    const ref = QR.exec(textsOf(await chat.say('确认')))?.[0];
    assert.ok(ref, textsOf(chat.transcript));
    const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
    assert.equal(body.endUserOrganization, '博远数据');
    assert.equal(body.resellerCompany, '苏州明远科技');
    assert.ok(!(body.notes ?? '').includes('博远数据'), body.notes);
    assert.equal(body.coterm.targetDate, '2027-10-31');
  });

  // Renewals and upgrades do not ask the customer (the licence names it), but the summary says it is missing.
  const reminded = [
    { lang: 'fr', open: 'Renouvellement Data Center de Confluence, SEN-L3390017, 1 an', add: 'client : Fromagerie Aubert', org: 'Fromagerie Aubert', confirm: 'Confirmer', answers: { technicalContactEmail: 'it@fromagerie-aubert.fr', endUserName: 'Luc Aubert', endUserEmail: 'luc@fromagerie-aubert.fr', resellerName: 'Nina Roche', resellerEmail: 'nina@roche-conseil.fr' } },
    { lang: 'zh', open: '续订Confluence Data Center，SEN-L3390018，维护一年', add: '客户：海川物产', org: '海川物产', confirm: '确认', answers: { technicalContactEmail: 'it@haichuan.cn', endUserName: '马林', endUserEmail: 'malin@haichuan.cn', resellerName: '宋佳', resellerEmail: 'songjia@xinghe-it.cn' } },
    { lang: 'en', open: 'Confluence Data Center renewal, SEN-L3390019, 1 year', add: 'customer: Orla Dairy Co-op', org: 'Orla Dairy Co-op', confirm: 'Confirm', answers: { technicalContactEmail: 'it@orladairy.ie', endUserName: 'Sean Orla', endUserEmail: 'sean@orladairy.ie', resellerName: 'Kit Moss', resellerEmail: 'kit@mossit.ie' } },
  ] as const;
  for (const c of reminded) {
    it(`webchat ${c.lang}: a renewal without the customer says so at the summary, and takes it there`, async () => {
      const chat = new Chat(bot(), newConversation(`end-customer-remind-${c.lang}`), LOCALES[c.lang]);
      const run = await fillByPrompts(chat, await chat.say(c.open), c.answers);
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      assert.ok(!run.asked.includes('endUserOrganization'), run.asked.join(','));
      const reminder = t(c.lang)('quoteDialog:summary.remind.endUserOrganization');
      assert.ok(textsOf(run.last).includes(reminder), textsOf(run.last));
      const added = await chat.say(c.add);
      assert.equal(lastSlot(added), 'confirm', textsOf(added));
      assert.ok(textsOf(added).includes(c.org), textsOf(added));
      assert.ok(!textsOf(added).includes(reminder), `said once the customer is given: ${textsOf(added)}`);
      const ref = QR.exec(textsOf(await chat.say(c.confirm)))?.[0];
      assert.ok(ref, textsOf(chat.transcript));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.endUserOrganization, c.org);
    });
  }
});
