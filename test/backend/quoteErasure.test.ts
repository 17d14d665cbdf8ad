import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toPublicView } from '../../backend/quotes/index.js';
import { cloudRenewalDraft, dcRenewalDraft, openTestBackend } from './fixtures.js';
import { useTempDir } from './tempDir.js';

async function allFiles(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n');
}

describe('backend/quotes "delete my data": filed requests stay, unlinked from the chat user', () => {
  const tmp = useTempDir();
  const subject = { channelId: 'msteams', userId: 'user-1' };

  it('drops user id, conversation id and reference from the requests, the pending webhook body and the status outbox; every journal compacted', async () => {
    // A receiver that is down: the webhook delivery stays pending.
    const backend = await openTestBackend(tmp.path, { webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 's' });
    const first = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' });
    const second = await backend.repository.create(cloudRenewalDraft({ conversationId: 'conv-9', conversationRef: { conversation: { id: 'conv-9' } } }), { idempotencyKey: 'b' });
    const other = await backend.repository.create(dcRenewalDraft(), { idempotencyKey: 'c' });
    await backend.repository.updateStatus(first.id, 'in_review', 'prix confirmé', 'Camille');
    assert.equal((await backend.notifier.pending()).length, 1, 'a status message waits for the user');
    assert.ok((await allFiles(tmp.path)).includes('conv-9'));

    assert.deepEqual(await backend.erase(subject), { quotesUnlinked: 2 });

    const kept = (await backend.repository.get(first.id))!;
    assert.equal(kept.resellerEmail, cloudRenewalDraft().resellerEmail, 'the business record is whole');
    assert.deepEqual(kept.history.map((h) => h.status), ['submitted', 'in_review']);
    assert.equal(kept.userId, undefined);
    assert.equal(kept.conversationId, undefined);
    assert.equal(kept.conversationRef, undefined);
    assert.ok(kept.unlinkedAt);
    assert.equal(await backend.repository.findForRequester(first.id, { channel: 'msteams', userId: 'user-1', conversationId: 'conv-1' }), undefined);
    assert.equal((await backend.repository.get(other.id))!.userId, 'user-2', "another user's request is untouched");
    assert.deepEqual(await backend.notifier.pending(), []);
    const deliveries = await backend.outbox.pending();
    assert.equal(deliveries.length, 3, 'every filed request is still delivered');
    const body = JSON.parse(deliveries.find((d) => d.id === second.id)!.payload.body) as { quoteRequest: Record<string, unknown> };
    assert.deepEqual(body.quoteRequest, JSON.parse(JSON.stringify(toPublicView((await backend.repository.get(second.id))!))));

    const files = await allFiles(tmp.path);
    for (const gone of ['user-1', 'conv-1', 'conv-9']) assert.ok(!files.includes(`"${gone}"`), `${gone} is in no file`);
    assert.ok(files.includes('"user-2"'));
    await backend.close();

    const reopened = await openTestBackend(tmp.path);
    assert.equal((await reopened.repository.get(second.id))!.userId, undefined);
    assert.deepEqual(await reopened.erase(subject), { quotesUnlinked: 0 }, 'idempotent');
    await reopened.close();
  });
});
