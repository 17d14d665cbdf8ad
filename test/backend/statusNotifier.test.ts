import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import type { LocalizedMessage, ProactiveSender } from '../../backend/quotes/index.js';
import { JournalCollection } from '../../backend/store/index.js';
import { cloudRenewalDraft, openTestBackend, useQuoteStorage } from './fixtures.js';
import { useTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

interface Sent {
  conversationRef: Record<string, unknown>;
  locale: Lang;
  message: LocalizedMessage;
}

/** A sender that throws for its first `failures` calls, like a channel that is briefly down. */
function flakySender(failures: number): ProactiveSender & { sent: Sent[]; calls: number } {
  const sender = {
    sent: [] as Sent[],
    calls: 0,
    async send(conversationRef: Record<string, unknown>, locale: Lang, message: LocalizedMessage) {
      sender.calls++;
      if (sender.calls <= failures) throw new Error('channel unavailable');
      sender.sent.push({ conversationRef, locale, message });
    },
  };
  return sender;
}

for (const kind of ['embedded', 'postgres'] as const) describe(`backend/quotes status notifier: ${kind}`, () => {
  const storage = useQuoteStorage(kind);
  const openBackend = (options?: Parameters<typeof storage.open>[0]) => storage.open(options);

  it('notifies in the reseller language and conversation, with the staff note, retrying a failing sender', async () => {
    const backend = await openBackend();
    const { id } = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    assert.ok((await backend.repository.updateStatus(id, 'in_review', 'Palier à confirmer', 'Claire')).ok);
    const sender = flakySender(1);
    await backend.notifier.runOnce(sender);
    assert.equal(sender.sent.length, 0);
    const [pending] = await backend.notifier.pending();
    assert.equal(pending?.attempts, 1);
    await waitFor(async () => {
      await backend.notifier.runOnce();
      return sender.sent.length === 1;
    }, 'the retry');
    assert.deepEqual(sender.sent[0], {
      conversationRef: { conversation: { id: 'conv-1' }, serviceUrl: 'http://127.0.0.1:1/' },
      locale: 'fr',
      message: { key: 'quoteStatus:changedWithNote.in_review', params: { ref: id, note: 'Palier à confirmer' } },
    });
    assert.deepEqual(await backend.notifier.pending(), []);
    await backend.close();
  });

  it('keeps undelivered notifications across a restart and sends them in order afterwards', async () => {
    let backend = await openBackend();
    const { id } = await backend.repository.create(cloudRenewalDraft({ locale: 'zh' }), { idempotencyKey: 'k' });
    await backend.repository.updateStatus(id, 'in_review');
    await backend.repository.updateStatus(id, 'quoted');
    const down = flakySender(Infinity);
    await backend.notifier.runOnce(down);
    assert.equal(down.calls, 1, 'the later change waits behind the failed one');
    await backend.close();

    backend = await openBackend();
    const up = flakySender(0);
    backend.notifier.start(up);
    await waitFor(() => up.sent.length === 2, 'both notifications');
    assert.deepEqual(
      up.sent.map((s) => [s.locale, s.message.key, s.message.params.note]),
      [
        ['zh', 'quoteStatus:changed.in_review', ''],
        ['zh', 'quoteStatus:changed.quoted', ''],
      ],
    );
    await waitFor(async () => (await backend.notifier.pending()).length === 0, 'the outbox to empty');
    await backend.close();
  });

  it('stores no notification for a refused transition or a request filed without a conversation reference', async () => {
    const backend = await openBackend();
    const { id } = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    await backend.repository.updateStatus(id, 'quoted');
    const { conversationRef: _omit, ...withoutRef } = cloudRenewalDraft();
    const other = await backend.repository.create(withoutRef, { idempotencyKey: 'k2' });
    await backend.repository.updateStatus(other.id, 'closed');
    assert.deepEqual(await backend.notifier.pending(), []);
    await backend.close();
  });

});

describe('backend/quotes status notifier: embedded journals', () => {
  const tmp = useTempDir();

  it('drops, at open, a notification whose status change was never stored', async () => {
    let backend = await openTestBackend(tmp.path);
    const { id } = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    await backend.close();
    // As if the process died between writing the notification and writing the change.
    const entries = await JournalCollection.open<unknown>({ dir: tmp.path, name: 'status-outbox', fsync: false });
    const payload = { quoteId: id, status: 'in_review', historyIndex: 1, conversationRef: {}, locale: 'fr', message: { key: 'x', params: {} } };
    await entries.put(`${id}#1`, { id: `${id}#1`, subject: id, payload, attempts: 0, createdAt: new Date().toISOString(), nextAttemptAt: 0 });
    await entries.close();
    backend = await openTestBackend(tmp.path);
    assert.deepEqual(await backend.notifier.pending(), []);
    await backend.close();
  });
});
