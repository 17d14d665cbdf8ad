import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { startBot, webchatMessage, type TestBot } from '../support/botServer.js';

/** Raw POST, so headers such as Content-Encoding reach the server untouched. */
function rawPost(url: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/messages`, { method: 'POST', headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP edge (local mode)', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(() => bot.close());

  const base = () => ({ type: 'message', deliveryMode: 'expectReplies', conversation: { id: 'edge' }, from: { id: 'u' }, text: 'hi' });

  it('answers /healthz, and /readyz with its checks', async () => {
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    const ready = (await (await fetch(`${bot.url}/readyz`)).json()) as { checks: Record<string, boolean> };
    assert.ok('storage' in ready.checks && 'languageModels' in ready.checks);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await bot.post('{"type": "message", ');
    assert.equal(res.status, 400);
    assert.ok((res.json as { error: { code: string } }).error.code);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await bot.post({ ...base(), text: 'x'.repeat(300 * 1024) });
    assert.equal(res.status, 413);
  });

  it('refuses gzip bodies with 415 and stays up (a junk gzip body crashes a plain restify bot)', async () => {
    const junk = await rawPost(bot.url, 'definitely not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(junk.status, 415);
    const real = await rawPost(bot.url, gzipSync(JSON.stringify(base())), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(real.status, 415);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it('refuses JSON nested 10,000 deep with 400', async () => {
    const deep = `{"type":"message","deliveryMode":"expectReplies","conversation":{"id":"c"},"from":{"id":"u"},"value":${'['.repeat(10000)}${']'.repeat(10000)}}`;
    assert.equal((await bot.post(deep)).status, 400);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['no type', { type: undefined }, 'type'],
    ['no conversation', { conversation: undefined }, 'conversation'],
    ['no from', { from: undefined }, 'from'],
    ['a non-string serviceUrl', { serviceUrl: 42 }, 'serviceUrl'],
    ['a non-string locale', { locale: { lang: 'fr' } }, 'locale'],
    ['control characters in conversation.id', { conversation: { id: 'a\u0000b\nc' } }, 'conversation.id'],
    ['an array body', [] as unknown as Record<string, unknown>, ''],
  ];
  for (const [what, patch, field] of invalid) {
    it(`refuses an activity with ${what} with 400 naming the field`, async () => {
      const body = Array.isArray(patch) ? patch : { ...base(), ...patch };
      const res = await bot.post(body);
      assert.equal(res.status, 400);
      if (field) assert.ok((res.json as { error: { fields: string[] } }).error.fields.includes(field), res.text);
    });
  }

  it('refuses a non-loopback serviceUrl in local mode (403), but not with expectReplies', async () => {
    const message = webchatMessage('edge-svc', 'hello');
    const remote = await bot.post({ ...message, serviceUrl: 'https://attacker.example.com/' });
    assert.equal(remote.status, 403);
    const inBody = await bot.post({ ...message, serviceUrl: 'https://attacker.example.com/', deliveryMode: 'expectReplies' });
    assert.equal(inBody.status, 200);
  });

  it('answers unknown routes with 404 JSON, and wrong methods without 5xx', async () => {
    const res = await fetch(`${bot.url}/nope`);
    assert.equal(res.status, 404);
    assert.ok(((await res.json()) as { error: unknown }).error);
    const get = await fetch(`${bot.url}/api/messages`);
    assert.ok(get.status >= 400 && get.status < 500);
  });

  it('never answers 5xx to a burst of odd requests', async () => {
    const odd: unknown[] = [
      { ...base(), type: 'unknownType' },
      { ...base(), type: 'invoke', name: 'no/such/invoke' },
      { ...base(), text: '\u0000\u0001' },
      { ...base(), text: '💥'.repeat(1000) },
      { ...base(), entities: 'not-an-array' },
      { ...base(), attachments: [{ contentType: 'image/png' }], text: undefined },
      'null',
      '"a string"',
      '12',
    ];
    for (const body of odd) {
      const res = await bot.post(body);
      assert.ok(res.status < 500, `${JSON.stringify(body).slice(0, 60)} → ${res.status} ${res.text}`);
    }
  });
});

describe('HTTP edge with an app id (channel authentication on)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' });
  });
  after(() => bot.close());

  /** A well-formed JWT with a made-up key id: the SDK must fetch signing keys to refuse it. */
  const forgedJwt = () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${part({ iss: 'https://api.botframework.com', aud: '00000000-0000-0000-0000-000000000001', nbf: now - 60, exp: now + 600, serviceurl: 'https://smba.trafficmanager.net/emea/' })}.${Buffer.from('not a signature').toString('base64url')}`;
  };

  const generic401 = (res: { status: number; json: unknown; text: string }) => {
    assert.equal(res.status, 401, res.text);
    assert.deepEqual(res.json, { error: { code: 'Unauthorized', message: 'The request could not be authenticated.' } });
  };

  it('refuses a request without a channel token with 401', async () => {
    generic401(await bot.post(webchatMessage('auth', 'hello')));
  });

  it('refuses a malformed bearer token with 401', async () => {
    generic401(await bot.post(webchatMessage('auth', 'hello'), { authorization: 'Bearer abc.def.ghi' }));
  });

  it('refuses a well-formed forged token with 401 and a generic message, not 500 with the internal error', async () => {
    generic401(await bot.post(webchatMessage('auth', 'hello', undefined, { serviceUrl: 'https://smba.trafficmanager.net/emea/' }), { authorization: `Bearer ${forgedJwt()}` }));
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });
});
