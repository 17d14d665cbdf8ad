import assert from 'node:assert/strict';
import type { Database } from '../../backend/db/database.js';
import type { Lang } from '../../knowledge/lang.js';
import { ADVOCATES, consoleApi, KEYS, openEvents, startConnector, texts, type FakeConnector } from '../handoff/support.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, QR, t } from '../quote-dialogs/support.js';
import { lastSlot, webchatMessage, type Reply } from '../support/botServer.js';
import { roundRobin, startInstance, type Instance } from '../support/instances.js';
import { dropSchema, freshSchemaName, openTestDatabase, requirePostgres, TEST_DATABASE_URL } from '../support/postgres.js';
import { keyRecorder } from '../support/webhookReceiver.js';
import { waitFor } from '../backend/waitFor.js';

const STAFF = 'staff-key-multi';
const LANGS: Lang[] = ['fr', 'zh', 'en'];

async function staff(instance: Instance, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const call = () =>
    fetch(`${instance.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${STAFF}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  // A keep-alive socket the instance closed just as the request went out (its event loop was
  // busy past the keep-alive timeout, warming its language models): a GET is sent again.
  const res = await call().catch((err: Error & { cause?: { code?: string } }) => {
    if (method !== 'GET' || err.cause?.code !== 'ECONNRESET') throw err;
    return call();
  });
  return { status: res.status, body: await res.json() };
}

describe('several bot instances on one PostgreSQL (real processes, no stickiness)', function () {
  this.timeout(240_000);
  let db: Database;
  let instances: Instance[] = [];
  let connector: FakeConnector;
  let hook: Awaited<ReturnType<typeof keyRecorder>>;
  const [A, B, C] = [0, 1, 2].map((i) => () => instances[i]!);

  before(async function () {
    this.timeout(120_000);
    await requirePostgres(this);
    db = await openTestDatabase(freshSchemaName());
    connector = await startConnector();
    hook = await keyRecorder();
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: db.schema,
      ADVOCATES,
      STAFF_API_KEY: STAFF,
      QUOTE_WEBHOOK_URL: hook.url,
      QUOTE_WEBHOOK_SECRET: 'multi-secret',
      HANDOFF_TIMEOUT_MIN: '600',
      // Three instances and the suite's own pools stay well under the server's max_connections (100).
      DATABASE_POOL_SIZE: '4',
    };
    instances = await Promise.all(['A', 'B', 'C'].map((name) => startInstance(name, env)));
  });

  after(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await connector?.close();
    await hook?.close();
    if (db) await dropSchema(db);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') for (const i of instances) process.stderr.write(`--- ${i.name}:\n${i.output().slice(-3000)}\n`);
  });

  for (const lang of LANGS) {
    it(`${lang}: a quote form filled turn by turn, each turn on the next instance, is filed once and readable from every instance`, async () => {
      const lb = roundRobin(instances);
      const chat = new Chat(lb, `multi-form-${lang}-${Date.now()}`, LOCALES[lang], { serviceUrl: connector.serviceUrl });
      const run = await fillByPrompts(chat, await chat.say(OPENINGS['cloud-renewal'][lang]), ANSWERS[lang]);
      assert.ok(run.ref, `filed: asked ${run.asked.join(', ')}; last ${JSON.stringify(run.last.map((r) => r.text))}`);
      assert.ok(run.asked.length >= 4, 'a real form, several turns');
      assert.deepEqual(new Set(lb.sentTo), new Set(['A', 'B', 'C']), 'every instance ran some of its turns');
      for (const instance of instances) {
        const { status, body } = await staff(instance, 'GET', `/api/quote-requests/${run.ref}`);
        assert.equal(status, 200, instance.name);
        assert.equal(body.locale ?? body.quoteRequest?.locale, lang);
      }
      // The status question, on yet another instance, knows the request the form filed.
      const status = await chat.say({ fr: 'où en est ma demande ?', zh: '我的报价进度', en: 'status of my quote' }[lang]);
      assert.ok(texts(status).join('\n').includes(run.ref!), texts(status).join('\n'));
    });
  }

  it('an activity redelivered to another instance (same id) is processed once: one filing, no second answer', async () => {
    const conversation = `multi-redelivery-${Date.now()}`;
    const chat = new Chat(roundRobin(instances), conversation, LOCALES.en, { serviceUrl: connector.serviceUrl });
    const { confirm: _confirm, ...untilSummary } = ANSWERS.en;
    const run = await fillByPrompts(chat, await chat.say(OPENINGS['cloud-renewal'].en), untilSummary);
    assert.equal(lastSlot(run.last), 'confirm');
    const confirm = webchatMessage(conversation, ANSWERS.en.confirm!, LOCALES.en, { serviceUrl: connector.serviceUrl });
    const first = await A().send(confirm);
    const ref = QR.exec(texts(first).join('\n'))?.[0];
    assert.ok(ref, texts(first).join('\n'));
    const again = await Promise.all([B().send(confirm), C().send(confirm)]);
    assert.deepEqual(again.map((r) => texts(r).join('\n').match(QR)?.[0]).filter((x) => x && x !== ref), [], 'no other reference');
    const mine = (await staff(B(), 'GET', '/api/quote-requests?limit=100')).body.items.filter((r: { conversationId?: string }) => r.conversationId === conversation);
    assert.equal(mine.length, 1);
  });

  it('ten messages of one conversation arriving at three instances at once run one after another: no turn overwrites another', async () => {
    const conversationId = `multi-burst-turns-${Date.now()}`;
    const questions = ['How do I renew a cloud licence?', 'What payment methods do you accept?', 'Is there a reseller discount?', 'How do I get my licence key?', 'What is co-terming?'];
    const activities = Array.from({ length: 10 }, (_, i) => webchatMessage(conversationId, questions[i % 5]!, LOCALES.en, { serviceUrl: connector.serviceUrl }));
    const answered = await Promise.all(activities.map((a, i) => instances[i % 3]!.send(a)));
    assert.ok(answered.every((r) => texts(r).length > 0), 'every message answered');
    // Each turn saw the state the previous one saved: every id is remembered, so a
    // redelivery of any of them (to any instance) is recognised. A lost update would forget some.
    const redelivered = await Promise.all(activities.map((a, i) => instances[(i + 1) % 3]!.send(a)));
    assert.deepEqual(redelivered.map((r) => texts(r).length), activities.map(() => 0));
  });

  it('quotes filed from every instance at once: unique references, each webhook delivered exactly once', async () => {
    const filings = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const lang = LANGS[i % 3]!;
        // Each conversation starts on a different instance and then moves on every turn.
        const lb = roundRobin([...instances.slice(i % 3), ...instances.slice(0, i % 3)]);
        const chat = new Chat(lb, `multi-burst-${i}-${Date.now()}`, LOCALES[lang], { serviceUrl: connector.serviceUrl });
        return (await fillByPrompts(chat, await chat.say(OPENINGS['cloud-renewal'][lang]), ANSWERS[lang])).ref;
      }),
    );
    assert.ok(filings.every(Boolean), JSON.stringify(filings));
    assert.equal(new Set(filings).size, 6);
    await waitFor(() => filings.every((ref) => hook.keys.includes(ref!)), 'every webhook delivery', 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const all = (await staff(C(), 'GET', '/api/quote-requests?limit=100')).body.items.map((r: { id: string }) => r.id) as string[];
    assert.equal(new Set(all).size, all.length, 'no reference twice');
    for (const ref of all) assert.equal(hook.keys.filter((k) => k === ref).length, 1, `${ref} delivered once`);
    // The staff export of any instance has them all.
    const csv = await (await fetch(`${A().url}/api/quote-requests.csv`, { headers: { authorization: `Bearer ${STAFF}` } })).text();
    for (const ref of filings) assert.ok(csv.includes(ref!), `${ref} in the CSV of A`);
  });

  it('a status changed through one instance reaches the reseller once, in their language, from whichever instance claims it', async () => {
    const lb = roundRobin(instances);
    const chat = new Chat(lb, `multi-status-${Date.now()}`, LOCALES.zh, { serviceUrl: connector.serviceUrl });
    const { ref } = await fillByPrompts(chat, await chat.say(OPENINGS['cloud-renewal'].zh), ANSWERS.zh);
    assert.ok(ref);
    const before = connector.received.length;
    assert.equal((await staff(B(), 'PATCH', `/api/quote-requests/${ref}`, { status: 'in_review', note: '正在核价' })).status, 200);
    // The same click twice, on two instances: refused the second time, so no second message.
    const twice = await Promise.all([staff(A(), 'PATCH', `/api/quote-requests/${ref}`, { status: 'quoted' }), staff(C(), 'PATCH', `/api/quote-requests/${ref}`, { status: 'quoted' })]);
    assert.deepEqual(twice.map((r) => r.status).sort(), [200, 409]);
    const mine = () => connector.received.slice(before).filter((a) => a.type === 'message' && (a.text ?? '').includes(ref!));
    await waitFor(() => mine().length >= 2, 'two status messages', 15_000);
    await new Promise((r) => setTimeout(r, 700));
    assert.deepEqual(mine().map((a) => a.text), [
      t('zh')('quoteStatus:changedWithNote.in_review', { ref, note: '正在核价' }),
      t('zh')('quoteStatus:changed.quoted', { ref, note: '' }),
    ]);
  });

  it('a handoff opened on A is worked from B and C: the console on B sees it live, replies from any instance reach the user', async () => {
    const sse = await openEvents(B().url, KEYS.marie);
    const T = t('fr');
    try {
      const conversationId = `multi-handoff-${Date.now()}`;
      const say = (on: Instance, text: string) => on.send(webchatMessage(conversationId, text, LOCALES.fr, { serviceUrl: connector.serviceUrl }));
      // What the user said on B and C before asking on A is the context the ticket starts with.
      await say(B(), 'Bonjour, comment renouveler une licence cloud ?');
      await say(C(), 'Mon client a un SEN-L1234567');
      assert.deepEqual(texts(await say(A(), 'je veux parler à un conseiller')).at(-1), T('handoff:request.searching', { position: 1 }));
      const opened = await sse.next('the ticket on B', (e) => e.event === 'ticket' && e.data.status === 'waiting' && e.data.lang === 'fr');
      const id = String(opened.data.id);
      const context = (await consoleApi(C().url, KEYS.li).ticket(id)).json.ticket.transcript.map((e: { from: string; text: string }) => `${e.from}: ${e.text}`);
      assert.ok(context.includes('user: Bonjour, comment renouveler une licence cloud ?'), context.join('\n'));
      assert.ok(context.includes('user: Mon client a un SEN-L1234567'), context.join('\n'));
      assert.ok(context.some((line: string) => line.startsWith('bot: ')), 'with the bot answers');
      // While waiting, on C: acknowledged, and on B's console.
      assert.deepEqual(texts(await say(C(), 'mon client attend une réponse urgente')), [T('handoff:waiting.added', { position: 1 })]);
      await sse.next('the waiting message on B', (e) => e.event === 'message' && e.data.ticketId === id && e.data.text === 'mon client attend une réponse urgente');
      const before = connector.received.length;
      const marieOnB = consoleApi(B().url, KEYS.marie);
      assert.equal((await marieOnB.accept(id)).status, 200);
      // Li on C cannot take it any more: the store, not the instance, decides.
      assert.equal((await consoleApi(C().url, KEYS.li).accept(id)).status, 409);
      assert.equal((await consoleApi(C().url, KEYS.marie).send(id, 'Bonjour, je regarde votre dossier.')).status, 200);
      await waitFor(() => connector.received.length >= before + 2, 'accepted + reply at the user', 15_000);
      assert.deepEqual(connector.received.slice(before, before + 2).map((a) => a.text), [
        T('handoff:accepted', { name: 'Marie' }),
        T('handoff:relay.fromAdvocate', { name: 'Marie', text: 'Bonjour, je regarde votre dossier.' }),
      ]);
      // The user answers on A: silent there, live on B's console, stored for everyone.
      assert.deepEqual(await say(A(), 'merci, c’est pour 500 utilisateurs'), []);
      await sse.next('the reply on B', (e) => e.event === 'message' && e.data.ticketId === id && e.data.text === 'merci, c’est pour 500 utilisateurs');
      const detail = (await consoleApi(A().url, KEYS.li).ticket(id)).json.ticket;
      assert.deepEqual(detail.transcript.slice(-3).map((e: { text: string }) => e.text), [
        'mon client attend une réponse urgente',
        'Bonjour, je regarde votre dossier.',
        'merci, c’est pour 500 utilisateurs',
      ]);
      assert.equal((await marieOnB.close(id)).status, 200);
      await sse.next('closed on B', (e) => e.event === 'ticket' && e.data.id === id && e.data.status === 'closed');
      // Back with the bot, on any instance: the rating question is answered.
      assert.deepEqual(texts(await say(C(), '5')).slice(0, 1), [T('handoff:rating.thanks')]);
    } finally {
      sse.close();
    }
  });

  it('one instance killed (SIGKILL) mid-traffic: turns are redelivered to the others; nothing acknowledged is lost, nothing is duplicated', async () => {
    const alive = new Set(instances);
    let cursor = 0;
    const nextAlive = () => {
      const list = instances.filter((i) => alive.has(i));
      return list[cursor++ % list.length]!;
    };
    const redelivered: string[] = [];
    /** One turn as a channel sends it (replies through the connector); a failed POST is redelivered elsewhere, same activity id. */
    const turn = async (conversationId: string, lang: Lang, text: string): Promise<Reply[]> => {
      const activity = webchatMessage(conversationId, text, LOCALES[lang], { serviceUrl: connector.serviceUrl });
      for (let attempt = 0; ; attempt++) {
        const instance = nextAlive();
        try {
          const res = await instance.post(activity);
          if (res.status === 200 || res.status === 202) break;
          throw new Error(`HTTP ${res.status}`);
        } catch (err) {
          if (attempt > 5) throw err;
          redelivered.push(`${instance.name}:${activity.id as string}`);
        }
      }
      return connector.received.filter((a) => a.replyToId === activity.id && a.type === 'message');
    };
    const conversations = Array.from({ length: 9 }, (_, i) => ({ id: `multi-kill-${i}-${Date.now()}`, lang: LANGS[i % 3]!, ref: undefined as string | undefined, turns: 0 }));
    const drive = async (c: (typeof conversations)[number]) => {
      let replies = await turn(c.id, c.lang, OPENINGS['cloud-renewal'][c.lang]);
      for (let i = 0; i < 30; i++) {
        c.turns++;
        const ref = QR.exec(replies.map((r) => r.text ?? '').join('\n'))?.[0];
        if (ref) return void (c.ref = ref);
        const slot = lastSlot(replies);
        assert.ok(slot, `${c.id}: no prompt after turn ${c.turns}: ${JSON.stringify(replies.map((r) => r.text))}`);
        replies = await turn(c.id, c.lang, ANSWERS[c.lang][slot]!);
      }
    };
    const before = new Set((await staff(A(), 'GET', '/api/quote-requests?limit=100')).body.items.map((r: { id: string }) => r.id));
    const traffic = Promise.all(conversations.map(drive));
    await waitFor(() => conversations.reduce((n, c) => n + c.turns, 0) >= 20, 'traffic under way', 60_000);
    await C().kill();
    alive.delete(C());
    await traffic;

    const refs = conversations.map((c) => c.ref);
    assert.ok(refs.every(Boolean), `every form was filed: ${JSON.stringify(refs)}`);
    assert.equal(new Set(refs).size, conversations.length);
    const after = (await staff(A(), 'GET', '/api/quote-requests?limit=100')).body.items as Array<{ id: string; conversationId: string }>;
    const created = after.filter((r) => !before.has(r.id));
    assert.deepEqual(created.map((r) => r.id).sort(), [...refs].sort(), 'exactly one request per conversation: none lost, none twice');
    await waitFor(() => refs.every((ref) => hook.keys.includes(ref!)), 'every webhook', 20_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const ref of refs) assert.equal(hook.keys.filter((k) => k === ref).length, 1, `${ref} delivered once`);
    // The survivors go on: the killed instance's turn locks died with its connections.
    for (const c of conversations) assert.ok(texts(await nextAlive().send(webchatMessage(c.id, 'merci', LOCALES[c.lang], { serviceUrl: connector.serviceUrl }))).length > 0);
    process.stderr.write(`      (${conversations.reduce((n, c) => n + c.turns, 0)} turns, ${redelivered.length} redelivered after the kill)\n`);
  });
});
