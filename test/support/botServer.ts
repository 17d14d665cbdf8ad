import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/log.js';
import { createApp, type App } from '../../bot/index.js';
import type { FeatureFactory } from '../../bot/feature.js';

export interface Reply {
  type: string;
  text?: string;
  locale?: string;
  inputHint?: string;
  channelData?: { slot?: string } & Record<string, unknown>;
  suggestedActions?: { actions: Array<{ title?: string; value?: unknown }> };
  attachments?: Array<{ contentType: string; content?: unknown }>;
  [key: string]: unknown;
}

export interface TestBot {
  url: string;
  app: App;
  dataDir: string;
  /** Log lines the bot wrote (JSON). */
  logs: string[];
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown; text: string }>;
  /** Sends an activity with expectReplies and returns the bot's replies. */
  send(activity: Record<string, unknown>): Promise<Reply[]>;
  close(): Promise<void>;
}

/**
 * The real server on port 0 with a fresh DATA_DIR. `env` overrides settings;
 * pass the same `dataDir` again to simulate a restart, and `now` to move the clock retention
 * is measured with.
 */
export async function startBot(
  env: Record<string, string> = {},
  opts: { dataDir?: string; features?: FeatureFactory[]; now?: () => Date } = {},
): Promise<TestBot> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ra-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = createApp(config, createLogger(config.LOG_LEVEL, sink), opts.features, opts.now ? { now: opts.now } : {});
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  const post: TestBot['post'] = async (body, headers = {}) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  };
  return {
    url,
    app,
    dataDir,
    logs,
    post,
    async send(activity) {
      const res = await post({ deliveryMode: 'expectReplies', ...activity });
      if (res.status !== 200) throw new Error(`POST /api/messages → ${res.status}: ${res.text}`);
      return ((res.json as { activities?: Reply[] }).activities ?? []).filter((a) => a.type !== 'typing');
    },
    async close() {
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;

/** A Web Chat style message activity (what the Direct Line service forwards to the bot). */
export function webchatMessage(conversationId: string, text: string, locale?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `wc-${Date.now()}-${seq++}`,
    timestamp: new Date().toISOString(),
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/directline',
    from: { id: `dl_user-${conversationId}`, name: 'Reseller', role: 'user' },
    conversation: { id: conversationId },
    recipient: { id: 'reseller-assistant', name: 'Reseller Assistant', role: 'bot' },
    textFormat: 'plain',
    ...(locale ? { locale } : {}),
    text,
    ...extra,
  };
}

/** The texts of message replies, joined, for assertions. */
export function textOf(replies: Reply[]): string {
  return replies
    .filter((r) => r.type === 'message')
    .map((r) => [r.text ?? '', ...(r.suggestedActions?.actions ?? []).map((a) => a.title ?? '')].join(' '))
    .join('\n');
}

/** The last prompt's slot name (quote dialogs set channelData.slot). */
export function lastSlot(replies: Reply[]): string | undefined {
  return [...replies].reverse().find((r) => r.channelData?.slot)?.channelData?.slot;
}
