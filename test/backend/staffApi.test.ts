import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { cloudRenewalDraft, dcRenewalDraft, openTestBackend } from './fixtures.js';
import { useTempDir } from './tempDir.js';

const KEY = 'staff-secret-key';
type Backend = Awaited<ReturnType<typeof openTestBackend>>;

/** A real restify server on port 0, with or without the parsers the bot runtime installs. */
async function serve(backend: Backend, { parsers = true } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = restify.createServer();
  if (parsers) {
    server.use(restify.plugins.queryParser());
    server.use(restify.plugins.bodyParser());
  }
  backend.registerRoutes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const auth = (key = KEY) => ({ authorization: `Bearer ${key}` });

describe('backend/quotes staff API', () => {
  const tmp = useTempDir();
  let backend: Backend;
  let api: { url: string; close: () => Promise<void> };
  let ids: string[];

  async function start(options: { staffApiKey?: string; parsers?: boolean } = {}): Promise<void> {
    backend = await openTestBackend(tmp.path, { staffApiKey: 'staffApiKey' in options ? options.staffApiKey : KEY });
    ids = [];
    ids.push((await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' })).id);
    ids.push((await backend.repository.create(dcRenewalDraft(), { idempotencyKey: 'b' })).id);
    ids.push((await backend.repository.create(cloudRenewalDraft({ notes: '=HYPERLINK("http://evil")' }), { idempotencyKey: 'c' })).id);
    api = await serve(backend, { parsers: options.parsers ?? true });
  }

  afterEach(async () => {
    await api.close();
    await backend.close();
  });

  describe('authentication', () => {
    it('answers 401 JSON without a key or with a wrong one', async () => {
      await start();
      for (const headers of [{}, auth('wrong'), auth(`${KEY}x`), { authorization: KEY }]) {
        const res = await fetch(`${api.url}/api/quote-requests`, { headers });
        assert.equal(res.status, 401);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthorized');
      }
      const csv = await fetch(`${api.url}/api/quote-requests.csv`);
      assert.equal(csv.status, 401);
    });

    it('is disabled (503 staff_api_disabled) when no key is configured, even for an empty bearer', async () => {
      await start({ staffApiKey: '' });
      for (const headers of [{}, auth(''), { authorization: 'Bearer ' }]) {
        const res = await fetch(`${api.url}/api/quote-requests/${ids[0]}`, { headers });
        assert.equal(res.status, 503);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'staff_api_disabled');
      }
    });
  });

  describe('reading', () => {
    it('returns one request with every collected field, without the bot internals', async () => {
      await start();
      const res = await fetch(`${api.url}/api/quote-requests/${ids[1]}`, { headers: auth() });
      assert.equal(res.status, 200);
      const text = await res.text();
      for (const expected of ['SEN-L2468013', 'liu.yang@minghua-tech.cn', '刘洋', '新锐合作伙伴', ids[1]!]) {
        assert.ok(text.includes(expected), `missing ${expected}`);
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      assert.equal(body.conversationRef, undefined);
      assert.equal(body.idempotencyKey, undefined);
      const cloud = await (await fetch(`${api.url}/api/quote-requests/${ids[0]}`, { headers: auth() })).text();
      assert.ok(cloud.includes('atelier-roux.atlassian.net') && cloud.includes('"tier":100'));
    });

    it('answers 404 for an unknown reference and 400 naming id for a malformed one', async () => {
      await start();
      const missing = await fetch(`${api.url}/api/quote-requests/QR-19990101-0001`, { headers: auth() });
      assert.equal(missing.status, 404);
      const bad = await fetch(`${api.url}/api/quote-requests/nope`, { headers: auth() });
      assert.equal(bad.status, 400);
      assert.deepEqual(((await bad.json()) as { error: { fields: string[] } }).error.fields, ['id']);
    });

    it('lists with filters and pagination', async () => {
      await start();
      await backend.repository.updateStatus(ids[0]!, 'in_review');
      const get = async (query: string) => {
        const res = await fetch(`${api.url}/api/quote-requests?${query}`, { headers: auth() });
        assert.equal(res.status, 200, query);
        return (await res.json()) as { items: Array<{ id: string }>; total: number; limit: number; offset: number };
      };
      const all = await get('');
      assert.deepEqual({ ids: all.items.map((r) => r.id), total: all.total, limit: all.limit, offset: all.offset }, {
        ids: [...ids].reverse(),
        total: 3,
        limit: 50,
        offset: 0,
      });
      assert.deepEqual((await get('status=in_review')).items.map((r) => r.id), [ids[0]]);
      assert.deepEqual((await get('kind=dc-renewal,cloud-new')).items.map((r) => r.id), [ids[1]]);
      assert.deepEqual((await get('status=submitted&status=in_review&order=asc&limit=1&offset=1')).items.map((r) => r.id), [ids[1]]);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal((await get(`from=${today}&to=${today}`)).total, 3);
      assert.equal((await get('to=2000-01-01')).total, 0);
    });

    it('refuses bad query parameters with 400 naming each one', async () => {
      await start();
      const res = await fetch(`${api.url}/api/quote-requests?status=pending&limit=0&from=yesterday&colour=red`, { headers: auth() });
      assert.equal(res.status, 400);
      const { error } = (await res.json()) as { error: { code: string; fields: string[] } };
      assert.equal(error.code, 'invalid_request');
      for (const field of ['status', 'limit', 'from']) assert.ok(error.fields.some((f) => f.startsWith(field)), field);
      assert.ok(error.fields.includes('colour'), `unknown parameter named too: ${error.fields.join(',')}`);
    });
  });

  describe('changing the status', () => {
    for (const parsers of [true, false]) {
      it(`validates the body and the transition (${parsers ? 'with' : 'without'} restify body parser)`, async () => {
        await start({ parsers });
        const patch = (body: string) =>
          fetch(`${api.url}/api/quote-requests/${ids[0]}`, {
            method: 'PATCH',
            headers: { ...auth(), 'content-type': 'application/json' },
            body,
          });
        const bad = await patch(JSON.stringify({ status: 'done', note: 7, extra: true }));
        assert.equal(bad.status, 400);
        const { error } = (await bad.json()) as { error: { fields: string[] } };
        assert.deepEqual([...error.fields].sort(), ['extra', 'note', 'status']);

        const notJson = await patch('{status:');
        assert.equal(notJson.status, 400);

        const tooEarly = await patch(JSON.stringify({ status: 'quoted' }));
        assert.equal(tooEarly.status, 409);
        const conflict = (await tooEarly.json()) as { error: { code: string; allowed: string[] } };
        assert.equal(conflict.error.code, 'invalid_transition');
        assert.deepEqual(conflict.error.allowed, ['in_review', 'rejected', 'closed']);

        const ok = await patch(JSON.stringify({ status: 'in_review', note: 'Nous vérifions le palier', by: 'Claire' }));
        assert.equal(ok.status, 200);
        const updated = (await ok.json()) as { status: string; history: Array<{ note?: string }> };
        assert.equal(updated.status, 'in_review');
        assert.equal(updated.history.at(-1)?.note, 'Nous vérifions le palier');
        assert.equal((await backend.notifier.pending()).length, 1);
      });
    }

    it('answers 404 when patching an unknown reference', async () => {
      await start();
      const res = await fetch(`${api.url}/api/quote-requests/QR-19990101-0001`, {
        method: 'PATCH',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'closed' }),
      });
      assert.equal(res.status, 404);
    });
  });

  describe('CSV export', () => {
    it('has a header row, escapes quotes and commas, and defuses formulas', async () => {
      await start();
      const res = await fetch(`${api.url}/api/quote-requests.csv?order=asc`, { headers: auth() });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      const text = (await res.text()).replace(/^\uFEFF/, '');
      const lines = text.trimEnd().split('\r\n');
      assert.equal(lines.length, 4);
      assert.ok(lines[0]!.startsWith('id,status,kind,'));
      assert.ok(lines[1]!.startsWith(`${ids[0]},submitted,cloud-renewal,`));
      assert.ok(lines[2]!.includes('SEN-L2468013'));
      assert.ok(lines[3]!.includes(`"'=HYPERLINK(""http://evil"")"`), lines[3]);
      const filtered = await (await fetch(`${api.url}/api/quote-requests.csv?kind=dc-renewal`, { headers: auth() })).text();
      assert.equal(filtered.trimEnd().split('\r\n').length, 2);
    });
  });
});
