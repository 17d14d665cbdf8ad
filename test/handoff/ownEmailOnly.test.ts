import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { knownEmailsOf } from '../../bot/handoff/service.js';
import { Chat, LOCALES, newConversation, staffBot } from '../quote-dialogs/support.js';

/**
 * The follow-up email buttons offer only the reseller's own email: a tester saw the end
 * customer's address offered as "your email" when asking for a person in the middle of a quote.
 */

describe('handoff: only the reseller’s own email is offered', function () {
  this.timeout(120_000);

  it('the parked draft’s customer emails are never offered; the reseller’s is', () => {
    const data = { slots: { technicalContactEmail: 'anna@acme.example', endUserEmail: 'eve@acme.example', resellerEmail: 'Ann@Resell.example' }, lastInput: { text: 'eve@acme.example' } };
    assert.deepEqual(knownEmailsOf({ parked: { data } } as never), ['ann@resell.example']);
    assert.deepEqual(knownEmailsOf({ parked: { data: { slots: { technicalContactEmail: 'anna@acme.example' } } } } as never), []);
  });

  const OPEN: Record<Lang, string> = {
    en: 'I need a quote for a new Jira Data Center license, 1000 users, 2 years, tech contact Anna Berg anna@acme.example',
    fr: 'Il me faudrait un devis pour une nouvelle licence Jira Data Center, 1000 utilisateurs, 2 ans, contact technique Anna Berg anna@acme.example',
    zh: '我需要一个Jira Data Center新许可证的报价，1000个用户，维护两年，技术联系人 Anna Berg anna@acme.example',
  };
  const HUMAN: Record<Lang, string> = { en: 'I want to talk to a human', fr: 'je veux parler à un humain', zh: '我要转人工' };
  const NAME: Record<Lang, string> = { en: 'Ann Lee', fr: 'Anne Leroy', zh: '李娜' };
  const buttons = (replies: Awaited<ReturnType<Chat['say']>>) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => String(a.title)) ?? []);
  const bot = staffBot();

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: asking for a person mid-quote offers the reseller's email, not the technical contact's`, async () => {
      const first = new Chat(bot(), newConversation(`own-email-${lang}`), LOCALES[lang]);
      await first.say(OPEN[lang]);
      const before = buttons(await first.say(HUMAN[lang]));
      assert.ok(!before.includes('anna@acme.example'), `no customer email: ${before.join(' | ')}`);

      const second = new Chat(bot(), newConversation(`own-email-2-${lang}`), LOCALES[lang]);
      await second.say(OPEN[lang]);
      await second.say(NAME[lang]);
      await second.say('ann@resell.example');
      const after = buttons(await second.say(HUMAN[lang]));
      assert.ok(after.includes('ann@resell.example'), `the reseller's email: ${after.join(' | ')}`);
      assert.ok(!after.includes('anna@acme.example'), `no customer email: ${after.join(' | ')}`);
    });
  }
});
