import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moveTo, parseBusinessHours, parseRating, TicketStore, type NewTicket } from '../../backend/handoff/index.js';

const fields = (conversationId: string): NewTicket => ({
  mode: 'console',
  conversationId,
  reference: { serviceUrl: 'http://127.0.0.1:1' },
  lang: 'fr',
  channel: 'webchat',
  reason: 'request',
  transcript: [],
});

describe('handoff domain', () => {
  describe('business hours (Intl, no date library)', () => {
    const paris = parseBusinessHours('Mon-Fri 09:00-18:00 Europe/Paris');

    it('is open on a Paris weekday afternoon, closed at night and on Saturday', () => {
      assert.equal(paris.isOpen(new Date('2026-11-23T13:00:00Z')), true); // Monday 14:00 CET
      assert.equal(paris.isOpen(new Date('2026-11-23T07:59:00Z')), false); // Monday 08:59 CET
      assert.equal(paris.isOpen(new Date('2026-11-23T17:00:00Z')), false); // Monday 18:00 CET
      assert.equal(paris.isOpen(new Date('2026-11-28T12:00:00Z')), false); // Saturday
    });

    it('finds the next opening across a weekend and across a DST change', () => {
      assert.equal(paris.nextOpening(new Date('2026-11-27T18:30:00Z')).toISOString(), '2026-11-30T08:00:00.000Z'); // Fri night → Mon 09:00 CET
      assert.equal(paris.nextOpening(new Date('2026-03-28T12:00:00Z')).toISOString(), '2026-03-30T07:00:00.000Z'); // Sat → Mon 09:00 CEST
      assert.equal(paris.nextOpening(new Date('2026-03-27T22:00:00Z')).toISOString(), '2026-03-30T07:00:00.000Z'); // DST night crossed
      assert.equal(paris.closingTime(new Date('2026-11-23T13:00:00Z'))?.toISOString(), '2026-11-23T17:00:00.000Z');
    });

    it('reads day lists and refuses what it cannot read', () => {
      const h = parseBusinessHours('Sat,Sun 10:00-12:00 Asia/Shanghai');
      assert.equal(h.isOpen(new Date('2026-11-28T02:30:00Z')), true); // Sat 10:30 CST
      assert.equal(parseBusinessHours('always').isOpen(new Date()), true);
      assert.throws(() => parseBusinessHours('Mon-Fri 9-18 Paris'), /expected/);
      assert.throws(() => parseBusinessHours('Mon-Fri 09:00-18:00 Mars/Olympus'), /unknown time zone/);
      assert.throws(() => parseBusinessHours('Mon-Fri 18:00-09:00 UTC'), /end after/);
      assert.throws(() => parseBusinessHours('Lun-Ven 09:00-18:00 UTC'), /unknown day/);
    });
  });

  it('ratings in three languages', () => {
    const cases: Array<[string, number | undefined]> = [
      ['5', 5], ['４', 4], ['4/5', 4], ['3 étoiles', 3], ['⭐⭐', 2], ['五分', 5], ['一', 1],
      ['0', undefined], ['6', undefined], ['12', undefined], ['bof', undefined], ['2 ou 3', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(parseRating(text), expected, text);
  });

  describe('ticket store', () => {
    let dir = '';
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ra-handoff-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('keeps the queue in creation order, survives a reopen, and lets only one accept win', async () => {
      const store = await TicketStore.open(dir);
      const a = await store.create(fields('c1'));
      const b = await store.create(fields('c2'));
      assert.equal(await store.queuePosition(a.id), 1);
      assert.equal(await store.queuePosition(b.id), 2);
      const results = await Promise.allSettled([
        store.update(a.id, (t) => moveTo(t, 'active', new Date(), { advocate: 'Marie' })),
        store.update(a.id, (t) => moveTo(t, 'active', new Date(), { advocate: 'Li' })),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
      assert.equal(await store.queuePosition(b.id), 1);
      assert.equal((await store.inCharge({ channelId: 'webchat', conversationId: 'c1' }))?.advocate, 'Marie');
      await store.close();

      const reopened = await TicketStore.open(dir);
      assert.equal((await reopened.get(a.id))?.status, 'active');
      assert.ok((await reopened.get(a.id))?.acceptedAt);
      assert.equal((await reopened.list(['waiting'])).length, 1);
      await reopened.close();
    });

    it('refuses moves the lifecycle forbids', () => {
      const now = new Date();
      const ticket = { ...fields('c'), id: 'x', status: 'waiting' as const, createdAt: now.toISOString(), updatedAt: now.toISOString() };
      const closed = moveTo(moveTo(ticket, 'active', now), 'closed', now);
      assert.ok(closed.endedAt);
      assert.throws(() => moveTo(closed, 'active', now), /cannot go from closed to active/);
      assert.throws(() => moveTo(ticket, 'closed', now), /cannot go from waiting to closed/);
    });
  });
});
