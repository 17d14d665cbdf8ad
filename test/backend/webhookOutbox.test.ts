import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_HEADERS } from '../../backend/quotes/index.js';
import { JournalCollection } from '../../backend/store/index.js';
import { cloudRenewalDraft, dcRenewalDraft, openTestBackend, useQuoteStorage } from './fixtures.js';
import { useTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

const SECRET = 'webhook-secret';

interface Received {
  key: string;
  signature: string;
  body: string;
  answered: number;
}

/** A receiver on 127.0.0.1 that answers 500 to the first `failures` calls, then 204 (or waits `delayMs`). */
async function receiver(failures: number, delayMs = 0): Promise<{ url: string; calls: Received[]; close: () => Promise<void> }> {
  const calls: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = calls.length < failures ? 500 : 204;
      calls.push({
        key: String(req.headers[WEBHOOK_HEADERS.idempotencyKey.toLowerCase()]),
        signature: String(req.headers[WEBHOOK_HEADERS.signature.toLowerCase()]),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      setTimeout(() => {
        // The client may have given up (timeout, or the outbox stopping) in the meantime.
        if (res.destroyed) return;
        // Two calls: restify, once loaded, patches ServerResponse.writeHead to return nothing.
        res.writeHead(answered);
        res.end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/quotes`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `t=<unix>,v1=<HMAC of "t.body">`, signed within the last minute. */
function assertSigned(signature: string, body: string): void {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(signature);
  assert.ok(m, signature);
  assert.ok(Math.abs(Date.now() / 1000 - Number(m[1])) < 60, 'signed at the time of the attempt');
  assert.equal(m[2], createHmac('sha256', SECRET).update(`${m[1]}.${body}`).digest('hex'));
}

for (const kind of ['embedded', 'postgres'] as const) describe(`backend/quotes webhook outbox: ${kind}`, () => {
  const storage = useQuoteStorage(kind);
  const openBackend = (options?: Parameters<typeof storage.open>[0]) => storage.open(options);

  it('retries a failing receiver across a restart: nothing lost, one key per request, valid signatures', async () => {
    const hook = await receiver(3);
    try {
      const options = { webhookUrl: hook.url, webhookSecret: SECRET, autoStart: true };
      let backend = await openBackend({ ...options, backoff: { baseMs: 200, maxMs: 200 } });
      const refs = [
        (await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' })).id,
        (await backend.repository.create(dcRenewalDraft(), { idempotencyKey: 'b' })).id,
      ];
      await waitFor(() => hook.calls.length >= 2, 'the first (failing) attempts');
      await backend.close();
      assert.ok(hook.calls.every((c) => c.answered === 500));

      // The restart: pending deliveries come back from disk and go out again.
      backend = await openBackend(options);
      await waitFor(async () => (await backend.outbox.pending()).length === 0, 'both deliveries acknowledged');
      assert.equal(hook.calls.filter((c) => c.answered === 204).length, 2);
      await backend.close();

      for (const ref of refs) {
        const attempts = hook.calls.filter((c) => c.key === ref);
        assert.ok(attempts.length >= 2, `${ref} retried`);
        assert.equal(new Set(attempts.map((c) => c.body)).size, 1, 'byte-identical body on every attempt');
        for (const call of attempts) assertSigned(call.signature, call.body);
        const body = JSON.parse(attempts[0]!.body) as { event: string; quoteRequest: { id: string; conversationRef?: unknown } };
        assert.equal(body.event, 'quote_request.filed');
        assert.equal(body.quoteRequest.id, ref);
        assert.equal(body.quoteRequest.conversationRef, undefined);
      }
      assert.deepEqual(new Set(hook.calls.map((c) => c.key)), new Set(refs), 'no delivery under another key');
    } finally {
      await hook.close();
    }
  });

  it('stores the delivery before create() returns, and create() never waits for the receiver', async () => {
    const hook = await receiver(0, 2000);
    try {
      const backend = await openBackend({ webhookUrl: hook.url, webhookSecret: SECRET, autoStart: true });
      const started = Date.now();
      const { id } = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' });
      assert.ok(Date.now() - started < 500, 'filing answered without waiting for the webhook');
      assert.deepEqual((await backend.outbox.pending()).map((e) => e.id), [id]);
      await backend.close();
    } finally {
      await hook.close();
    }
  });

  it('aborts an attempt in flight on close, keeping the delivery for the next start', async () => {
    const hook = await receiver(0, 5000);
    try {
      const backend = await openBackend({ webhookUrl: hook.url, autoStart: true });
      await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' });
      await waitFor(() => hook.calls.length === 1, 'the attempt to start');
      const started = Date.now();
      await backend.close();
      assert.ok(Date.now() - started < 1000, 'close did not wait for the slow receiver');
      const reopened = await openBackend({ webhookUrl: hook.url });
      assert.equal((await reopened.outbox.pending()).length, 1);
      await reopened.close();
    } finally {
      await hook.close();
    }
  });

  it('treats a timeout as a failure and retries', async () => {
    const hook = await receiver(0, 300);
    try {
      const backend = await openBackend({ webhookUrl: hook.url, webhookTimeoutMs: 50 });
      await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' });
      await backend.outbox.runOnce();
      const [entry] = await backend.outbox.pending();
      assert.equal(entry?.attempts, 1);
      assert.match(entry?.lastError ?? '', /timeout|abort/i);
      await backend.close();
    } finally {
      await hook.close();
    }
  });

  it('writes no outbox entry when no webhook URL is set', async () => {
    const backend = await openBackend();
    await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' });
    assert.deepEqual(await backend.outbox.pending(), []);
    await backend.close();
  });

});

describe('backend/quotes webhook outbox: embedded journals', () => {
  const tmp = useTempDir();

  it('drops, at open, a delivery whose request was never stored (crash between the two writes)', async () => {
    const entries = await JournalCollection.open<unknown>({ dir: tmp.path, name: 'webhook-outbox', fsync: false });
    const orphan = 'QR-20260101-0009';
    await entries.put(orphan, { id: orphan, subject: orphan, payload: { quoteId: orphan, body: '{}' }, attempts: 0, createdAt: new Date().toISOString(), nextAttemptAt: 0 });
    await entries.close();
    const backend = await openTestBackend(tmp.path, { webhookUrl: 'http://127.0.0.1:9/' });
    assert.deepEqual(await backend.outbox.pending(), []);
    await backend.close();
  });
});
