import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { Chat, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * "où en est ma demande ?" lists filing dates in the user's own time zone when the client says it
 * (Teams and Web Chat send `localTimezone`). Kiritimati (UTC+14) and Pago Pago (UTC−11) are 25
 * hours apart: one filing is always on two different dates there, whatever the hour of the run.
 */
const OPEN: Record<Lang, string> = {
  fr: "Harmonisation des échéances pour notre client Verrerie Caudron : SEN-L3390112 et SEN-L3390157 au 30 juin 2027. Je suis Bérénice Vallet, b.vallet@infolune.fr",
  zh: '条款关联：客户是金穗粮油，SEN-L4490213 和 SEN-L4490258 统一到2027年6月30日。我是经销商邓佳怡，dengjy@hengxin-it.cn',
  en: 'Co-term for our customer Redwood Bakeries: SEN-L5590314 and SEN-L5590359 to 30 June 2027. I am Travis Holt, travis.holt@pinecrest-it.com',
};
const CONFIRM: Record<Lang, string> = { fr: 'Confirmer', zh: '确认', en: 'Confirm' };
const STATUS: Record<Lang, string> = { fr: 'où en est ma demande ?', zh: '我的报价进度怎么样了？', en: "what's the status of my quote request?" };
const CULTURE: Record<Lang, string> = { fr: 'fr-FR', zh: 'zh-CN', en: 'en-GB' };
const ZONES = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'];

describe("Quote status: filing dates in the user's time zone", function () {
  this.timeout(60_000);
  const bot = staffBot();
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: the date where the user is`, async () => {
      const chat = new Chat(bot(), newConversation(`status-zone-${lang}`), LOCALES[lang]);
      assert.equal(lastSlot(await chat.say(OPEN[lang])), 'confirm');
      const ref = QR.exec(textsOf(await chat.say(CONFIRM[lang])))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      const dates = [];
      for (const zone of ZONES) {
        const status = textsOf(await chat.say(STATUS[lang], { localTimezone: zone }));
        const line = status.split('\n').find((l) => l.includes(ref)) ?? '';
        const expected = new Intl.DateTimeFormat(CULTURE[lang], { dateStyle: 'long', timeZone: zone }).format(new Date(body.createdAt));
        assert.ok(line.includes(expected), `${zone}: ${expected} in ${status}`);
        dates.push(expected);
      }
      assert.notEqual(dates[0], dates[1]);
    });
  }
});
