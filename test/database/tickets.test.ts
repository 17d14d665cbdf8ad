import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../backend/db/database.js';
import { JournalTicketStore, moveTo, PgTicketStore, type NewTicket, type TicketStore, type TranscriptLimits } from '../../backend/handoff/index.js';
import { TEST_DATABASE_URL, usePostgres } from '../support/postgres.js';

const fields = (conversationId: string, userId = `u-${conversationId}`): NewTicket => ({
  mode: 'console',
  conversationId,
  userId,
  reference: { serviceUrl: 'http://127.0.0.1:1' },
  lang: 'fr',
  channel: 'webchat',
  reason: 'request',
  transcript: [{ from: 'user', text: 'parler à un conseiller', at: '2026-05-04T10:00:00.000Z' }],
});
const message = (i: number, text = `message ${i}`) => ({ from: 'user' as const, text, at: new Date(Date.UTC(2026, 4, 4, 10, 0, i)).toISOString() });

interface Kind {
  name: string;
  /** A store on this test's storage; called again, another instance (or a restart) on the same data. */
  open(limits?: Partial<TranscriptLimits>): Promise<TicketStore>;
}

function embedded(): Kind {
  let dir = '';
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'ra-tickets-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));
  return { name: 'embedded', open: (limits) => JournalTicketStore.open(dir, limits ? { limits } : {}) };
}

function postgres(): Kind {
  const pg = usePostgres();
  const pools: Database[] = [];
  afterEach(async () => Promise.all(pools.splice(0).map((d) => d.close())));
  return {
    name: 'postgres',
    async open(limits) {
      // A pool of its own, as another instance would have.
      const db = new Database({ url: TEST_DATABASE_URL, schema: pg.db.schema, poolSize: 3 });
      pools.push(db);
      return new PgTicketStore(db, limits ? { limits } : {});
    },
  };
}

for (const make of [embedded, postgres]) {
  describe(`handoff ticket store contract: ${make.name}`, () => {
    const kind = make();

    it('keeps the queue in creation order, lets only one accept win, and a reopened store agrees', async () => {
      const store = await kind.open();
      const a = await store.create(fields('c1'));
      const b = await store.create(fields('c2'));
      assert.equal(await store.queuePosition(a.id), 1);
      assert.equal(await store.queuePosition(b.id), 2);
      const results = await Promise.allSettled([
        store.update(a.id, (t) => moveTo(t, 'active', new Date(), { advocate: 'Marie' })),
        store.update(a.id, (t) => moveTo(t, 'active', new Date(), { advocate: 'Li' })),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      assert.equal(await store.queuePosition(a.id), undefined);
      assert.equal(await store.queuePosition(b.id), 1);
      const winner = (await store.inCharge({ channelId: 'webchat', conversationId: 'c1' }))?.advocate;
      assert.ok(winner === 'Marie' || winner === 'Li');
      assert.equal(await store.inCharge({ channelId: 'msteams', conversationId: 'c1' }), undefined, 'another channel is another conversation');
      assert.equal(await store.inCharge({ channelId: 'webchat', conversationId: 'c1', userId: 'someone-else' }), undefined, 'another user');
      await store.close();
      const reopened = await kind.open();
      assert.equal((await reopened.get(a.id))?.status, 'active');
      assert.deepEqual((await reopened.list(['waiting'])).map((t) => t.id), [b.id]);
      assert.deepEqual((await reopened.transcript(a.id)).entries.map((e) => e.text), ['parler à un conseiller']);
      await reopened.close();
    });

    it('cuts each message to the limit and, past maxEntries, folds the oldest into a summary: every message is kept or counted', async () => {
      const store = await kind.open({ maxEntries: 20 });
      const ticket = await store.create(fields('c1'));
      const stored = await store.appendMessage(ticket.id, message(0, 'x'.repeat(99_000)));
      assert.equal(stored.text.length, 4001);
      assert.equal(stored.truncatedFrom, 99_000);
      for (let i = 1; i < 100; i++) await store.appendMessage(ticket.id, message(i));
      const { entries, summary } = await store.transcript(ticket.id);
      assert.ok(entries.length >= 20 && entries.length <= 30, `${entries.length} kept`);
      assert.equal((summary?.count ?? 0) + entries.length, 101);
      assert.ok(summary!.excerpt.startsWith('user: parler à un conseiller'));
      assert.equal(entries.at(-1)!.text, 'message 99');
      await store.close();
    });

    it('erases a subject\'s tickets with their messages, only on their channel, and expires finished tickets past the retention', async () => {
      const store = await kind.open();
      const mine = await store.create(fields('c1', 'alice'));
      await store.appendMessage(mine.id, message(1, 'Zéphyrin, zephyrin@example.fr'));
      const sameIdOtherChannel = await store.create({ ...fields('c9', 'alice'), channel: 'msteams' });
      const old = await store.create(fields('c2'), new Date('2026-01-01T00:00:00Z'));
      await store.update(old.id, (t) => moveTo(t, 'abandoned', new Date('2026-01-02T00:00:00Z')));
      const stillWaiting = await store.create(fields('c3'), new Date('2026-01-01T00:00:00Z'));
      const { report, removed } = await store.erase({ channelId: 'webchat', userId: 'alice' });
      assert.deepEqual(report, { tickets: 1, messages: 2 });
      assert.deepEqual(removed.map((t) => t.id), [mine.id]);
      assert.equal(await store.get(mine.id), undefined);
      assert.deepEqual((await store.transcript(mine.id)).entries, []);
      await assert.rejects(store.appendMessage(mine.id, message(2)), /no ticket/);
      assert.ok(await store.get(sameIdOtherChannel.id));
      const expired = await store.expire(new Date('2026-05-01T00:00:00Z'), 90);
      assert.deepEqual(expired.map((t) => t.id), [old.id]);
      assert.ok(await store.get(stillWaiting.id), 'a person is still to answer it: never expired');
      await store.close();
    });
  });
}

describe('handoff tickets on PostgreSQL: two instances at once', () => {
  const kind = postgres();

  it('two advocates accepting on two instances: one wins; messages appended from both are all kept or counted', async () => {
    const a = await kind.open({ maxEntries: 10 });
    const b = await kind.open({ maxEntries: 10 });
    const ticket = await a.create(fields('c1'));
    const accepts = await Promise.allSettled([
      a.update(ticket.id, (t) => moveTo(t, 'active', new Date(), { advocate: 'Marie' })),
      b.update(ticket.id, (t) => moveTo(t, 'active', new Date(), { advocate: 'Li' })),
    ]);
    assert.deepEqual(accepts.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendMessage(ticket.id, message(i))));
    const { entries, summary } = await b.transcript(ticket.id);
    assert.equal(entries.length, 10);
    assert.equal((summary?.count ?? 0) + entries.length, 41);
    assert.equal((await a.inCharge({ channelId: 'webchat', conversationId: 'c1', userId: 'u-c1' }))?.status, 'active');
  });
});
