import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * User-count corrections under the summary, through the HTTP server (QA9 Q9-5: "make it 300, and
 * it's Standard edition" dropped 300, "users: 300 please, not 400" became the organisation, "300
 * users" went to the remarks, "用户数改成2000" opened the organisation prompt). Each one changes the
 * tier, says so, and touches nothing else; the request is filed with the last one.
 */

interface Case {
  open: string;
  /** Each message under the summary and the tier it leaves. */
  fixes: Array<[string, number]>;
  confirm: string;
  organisation?: string;
}
const CASES: Record<Lang, Case> = {
  fr: {
    open: 'devis annuel pour le site existant bois-dormant.atlassian.net, Jira Standard, 180 utilisateurs. Contact autorisé : Yann Le Goff, yann@bois-dormant.fr. Je suis Clara Villeneuve, clara@altimea.fr',
    fixes: [
      ['mettez 150 utilisateurs', 150],
      ['utilisateurs : 250 svp, pas 150', 250],
      ["finalement 300, et c'est en Premium", 300],
    ],
    confirm: 'Confirmer',
  },
  zh: {
    open: '现有云站点年度报价：站点 jinqiao-edu.atlassian.net，Confluence 标准版，180个用户。授权联系人许嘉怡，xujiayi@jinqiao-edu.cn。我是经销商杜明轩，dumx@hengxin-soft.cn',
    fixes: [
      ['用户数改成250', 250],
      ['300个用户', 300],
    ],
    confirm: '确认',
  },
  en: {
    open: 'annual quote for the existing site tidewater-ops.atlassian.net, Jira Standard, 180 users. Authorized contact Femi Adeyemi femi@tidewater-ops.com. I am Greta Holm greta@nordlane.se',
    fixes: [
      ['150 users', 150],
      ['users: 250 please, not 150', 250],
      ["make it 300, and it's Premium edition", 300],
    ],
    confirm: 'Confirm',
  },
};

describe('Quote dialogs: user-count corrections under the summary (Q9-5)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: each one sets the tier, said back, nothing else changes`, async () => {
        const c = CASES[lang];
        const chat = new Chat(bot(), newConversation(`tier-summary-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'confirm', `the summary: ${textsOf(opened)}`);
        for (const [text, tier] of c.fixes) {
          const fixed = await chat.say(text);
          assert.equal(lastSlot(fixed), 'confirm', `"${text}" shows the summary again: ${textsOf(fixed)}`);
          assert.ok(textsOf(fixed).includes(String(tier)), `"${text}" said back: ${textsOf(fixed)}`);
        }
        const filed = await chat.say(c.confirm);
        const ref = QR.exec(textsOf(filed))?.[0];
        assert.ok(ref, `filed: ${textsOf(filed)}`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.equal(body.items[0].tier, c.fixes.at(-1)![1]);
        assert.equal(body.endUserOrganization, undefined, 'no organisation invented');
        assert.equal(body.notes, undefined, 'no count left in the remarks');
      });
    }
  }

  // The tester's case: a Data Center licence whose years were answered after the tier, so a bare number was read as years.
  it('msteams zh: "用户数改成2000" after the years were answered sets the tier, no organisation prompt', async () => {
    const chat = new Chat(bot(), newConversation('tier-summary-dc-zh'), LOCALES.zh, {}, 'msteams');
    const answers = {
      tier: '1000', maintenanceYears: '1', resellerName: '钟子涵', resellerEmail: 'zhongzh@yuntu-it.cn', resellerCompany: '杭州云途信息',
      technicalContactName: '白露', technicalContactEmail: 'bailu@qingshan-med.cn', billingAddress: '杭州市西湖区文三路90号', endUserOrganization: '青山医疗', paymentPreference: '报价单',
    };
    const run = await fillByPrompts(chat, await chat.say('我要报价：新的 Confluence 数据中心许可证'), answers);
    assert.equal(lastSlot(run.last), 'confirm', `the summary: ${textsOf(run.last)}`);
    const fixed = await chat.say('用户数改成2000');
    assert.equal(lastSlot(fixed), 'confirm', textsOf(fixed));
    const ref = QR.exec(textsOf(await chat.say('确认')))?.[0];
    assert.ok(ref);
    const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
    assert.equal(body.items[0].tier, 2000);
    assert.equal(body.items[0].maintenanceYears, 1);
    assert.equal(body.endUserOrganization, '青山医疗');
  });
});
