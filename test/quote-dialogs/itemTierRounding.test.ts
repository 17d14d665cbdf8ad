import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, staffBot, staffGet } from './support.js';

/**
 * QA11 F36 through the HTTP server: "jira 1,500 users + confluence 1k users" on Data Center is
 * filed with Jira at 2000 (the tier the bot announced), Confluence at 1000.
 */
const CASES: Record<Lang, { open: string; answers: Record<string, string> }> = {
  fr: {
    open: 'devis nouvelle licence Data Center : Jira 1 500 utilisateurs et Confluence 1 000 utilisateurs, 2 ans',
    answers: { resellerName: 'Margaux Lebrun', resellerEmail: 'm.lebrun@datavia.fr', resellerCompany: 'Datavia', technicalContactName: 'Rémi Caron', technicalContactEmail: 'r.caron@tissages-caron.fr', billingAddress: '8 rue Nationale, 59000 Lille, France', endUserOrganization: 'Tissages Caron', paymentPreference: 'Devis (PDF) par e-mail', notes: 'aucune', confirm: 'Confirmer' },
  },
  zh: {
    open: '新购数据中心许可证报价：Jira 1500用户，Confluence 1000用户，维护2年',
    answers: { resellerName: '石磊', resellerEmail: 'shilei@beichen-it.cn', resellerCompany: '北辰信息', technicalContactName: '范晓', technicalContactEmail: 'fanxiao@jinhe-food.cn', billingAddress: '天津市和平区南京路100号，300040', endUserOrganization: '金禾食品有限公司', paymentPreference: '通过电子邮件接收报价 (PDF)', notes: '无', confirm: '确认' },
  },
  en: {
    open: 'quote for a new DC licence: jira 1,500 users + confluence 1k users, 2 yrs',
    answers: { resellerName: 'Hana Sato', resellerEmail: 'hana@kaizen-sys.example', resellerCompany: 'Kaizen Systems', technicalContactName: 'Ken Mori', technicalContactEmail: 'ken.mori@fuji-demo.example', billingAddress: '1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005, Japan', endUserOrganization: 'Fuji Demo Corp', paymentPreference: 'Quote (PDF) by email', notes: 'none', confirm: 'Confirm' },
  },
};

describe('Quote dialogs: per-product counts filed as the tiers announced (QA11 F36)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: Jira 2000, Confluence 1000`, async () => {
        const c = CASES[lang];
        const chat = new Chat(bot(), newConversation(`item-tiers-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const run = await fillByPrompts(chat, await chat.say(c.open), c.answers);
        assert.ok(run.ref, `filed: asked ${run.asked.join(', ')}`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
        const tiers = Object.fromEntries(body.items.map((i: { product: string; tier: number }) => [i.product, i.tier]));
        assert.deepEqual(tiers, { jira: 2000, confluence: 1000 });
      });
    }
  }
});
