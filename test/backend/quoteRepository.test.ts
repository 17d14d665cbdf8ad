import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { QuoteValidationError } from '../../backend/quotes/index.js';
import { cloudRenewalDraft, dcRenewalDraft, openTestBackend } from './fixtures.js';
import { useTempDir } from './tempDir.js';

describe('backend/quotes repository', () => {
  const tmp = useTempDir();

  it('files a request with a dated reference, status submitted and a first history entry', async () => {
    const now = () => new Date('2026-11-22T10:00:00Z');
    const backend = await openTestBackend(tmp.path, { now });
    const filed = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'act-1' });
    assert.equal(filed.id, 'QR-20261122-0001');
    assert.equal(filed.status, 'submitted');
    assert.equal(filed.createdAt, '2026-11-22T10:00:00.000Z');
    assert.deepEqual(filed.history, [{ status: 'submitted', at: '2026-11-22T10:00:00.000Z', by: 'bot' }]);
    assert.equal(filed.siteUrl, 'https://atelier-roux.atlassian.net');
    await backend.close();
  });

  it('is idempotent: the same key in the same conversation returns the first request, even concurrently and after reopen', async () => {
    let backend = await openTestBackend(tmp.path);
    const [a, b] = await Promise.all([
      backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'confirm-42' }),
      backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'confirm-42' }),
    ]);
    assert.equal(a.id, b.id);
    await backend.close();
    backend = await openTestBackend(tmp.path);
    const again = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'confirm-42' });
    assert.equal(again.id, a.id);
    assert.equal((await backend.repository.list()).total, 1);
    // The key is scoped to the conversation: another conversation's key never returns this request.
    const other = await backend.repository.create(dcRenewalDraft(), { idempotencyKey: 'confirm-42' });
    assert.notEqual(other.id, a.id);
    await backend.close();
  });

  it('never reuses a reference number across restarts, and restarts the sequence each UTC day', async () => {
    let day = new Date('2026-11-22T23:59:00Z');
    let backend = await openTestBackend(tmp.path, { now: () => day });
    const first = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k1' });
    await backend.close();
    backend = await openTestBackend(tmp.path, { now: () => day });
    const second = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k2' });
    day = new Date('2026-11-23T00:01:00Z');
    const third = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k3' });
    assert.deepEqual([first.id, second.id, third.id], ['QR-20261122-0001', 'QR-20261122-0002', 'QR-20261123-0001']);
    await backend.close();
  });

  it('refuses an invalid draft, naming the fields', async () => {
    const backend = await openTestBackend(tmp.path);
    const draft = cloudRenewalDraft({ resellerEmail: 'not-an-email', items: [{ product: 'Jira', tier: -5 }] });
    await assert.rejects(
      backend.repository.create(draft, { idempotencyKey: 'bad' }),
      (err: unknown) =>
        err instanceof QuoteValidationError && err.fields.includes('resellerEmail') && err.fields.includes('items.0.tier'),
    );
    assert.equal((await backend.repository.list()).total, 0);
    await backend.close();
  });

  it('enforces the status transitions and records each change in the history', async () => {
    const backend = await openTestBackend(tmp.path);
    const { repository } = backend;
    const { id } = await repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    const quoted = await repository.updateStatus(id, 'quoted');
    assert.deepEqual(quoted, {
      ok: false,
      error: { code: 'invalid_transition', id, from: 'submitted', to: 'quoted', allowed: ['in_review', 'rejected', 'closed'] },
    });
    const review = await repository.updateStatus(id, 'in_review', '  checking the tier  ', 'Claire');
    assert.ok(review.ok);
    assert.deepEqual(review.request.history.at(-1)?.note, 'checking the tier');
    assert.equal(review.request.history.at(-1)?.by, 'Claire');
    assert.ok((await repository.updateStatus(id, 'quoted')).ok);
    assert.ok((await repository.updateStatus(id, 'closed')).ok);
    const final = await repository.updateStatus(id, 'in_review');
    assert.equal(!final.ok && final.error.code, 'invalid_transition');
    const missing = await repository.updateStatus('QR-20000101-0001', 'closed');
    assert.equal(!missing.ok && missing.error.code, 'not_found');
    assert.deepEqual(
      (await repository.get(id))?.history.map((h) => h.status),
      ['submitted', 'in_review', 'quoted', 'closed'],
    );
    await backend.close();
  });

  it('gives a request back only to the user or conversation that filed it', async () => {
    const backend = await openTestBackend(tmp.path);
    const { id } = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    const channel = cloudRenewalDraft().channel;
    const find = (who: { channel?: string; userId?: string; conversationId?: string }) => backend.repository.findForRequester(id, { channel, ...who });
    assert.equal((await find({ userId: 'user-1', conversationId: 'elsewhere' }))?.id, id);
    assert.equal((await find({ userId: 'someone-else', conversationId: 'conv-1' }))?.id, id);
    assert.equal(await find({ userId: 'someone-else', conversationId: 'elsewhere' }), undefined);
    assert.equal(await find({}), undefined);
    // The same ids on another channel are other people.
    assert.equal(await find({ channel: `${channel}-other`, userId: 'user-1', conversationId: 'conv-1' }), undefined);
    await backend.close();
  });

  it('lists with filters on status, kind and creation time, newest first, paginated', async () => {
    let clock = new Date('2026-11-20T12:00:00Z');
    const backend = await openTestBackend(tmp.path, { now: () => clock });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock = new Date(Date.UTC(2026, 10, 20 + i, 12));
      const draft = i % 2 ? dcRenewalDraft() : cloudRenewalDraft();
      ids.push((await backend.repository.create(draft, { idempotencyKey: `k${i}` })).id);
    }
    await backend.repository.updateStatus(ids[0]!, 'in_review');
    const { repository } = backend;
    assert.deepEqual((await repository.list()).items.map((r) => r.id), [...ids].reverse());
    assert.deepEqual((await repository.list({ kind: ['dc-renewal'], order: 'asc' })).items.map((r) => r.id), [ids[1], ids[3]]);
    assert.deepEqual((await repository.list({ status: ['in_review'] })).items.map((r) => r.id), [ids[0]]);
    const window = await repository.list({ from: new Date('2026-11-21T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') });
    assert.deepEqual(window.items.map((r) => r.id), [ids[2], ids[1]]);
    const page = await repository.list({ limit: 2, offset: 2, order: 'asc' });
    assert.deepEqual({ ids: page.items.map((r) => r.id), total: page.total }, { ids: [ids[2], ids[3]], total: 5 });
    await backend.close();
  });

  it('keeps each collection in its own file under the data folder', async () => {
    const backend = await openTestBackend(tmp.path);
    await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    await backend.close();
    assert.deepEqual((await readdir(tmp.path)).sort(), ['counters.jsonl', 'quotes.jsonl', 'status-outbox.jsonl', 'webhook-outbox.jsonl']);
  });
});
