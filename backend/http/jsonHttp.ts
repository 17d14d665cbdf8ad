import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'restify';
import type { z } from 'zod';

/** Every error body: `{error: {code, message, fields?}}`; `fields` names the invalid inputs. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: string[] };
}

export function sendError(res: Response, status: number, code: string, message: string, fields?: string[]): void {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  sendJson(res, status, body);
}

/** Written directly, so the answer does not depend on which restify formatters the server set up. */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** A 400 naming each invalid field (dotted path) from a zod error. */
export function sendValidationError(res: Response, error: z.ZodError): void {
  const named = error.issues.flatMap((issue) => {
    const path = issue.path.join('.');
    // An unknown field is named itself, not its parent object.
    const names = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (path ? `${path}.${k}` : k)) : [path || '(body)'];
    return names.map((name) => ({ name, message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message }));
  });
  const fields = [...new Set(named.map((n) => n.name))];
  const detail = named.map((n) => `${n.name}: ${n.message}`).join('; ');
  sendError(res, 400, 'invalid_request', `Invalid ${fields.join(', ')} (${detail})`, fields);
}

/**
 * The query string as `{name: value}`, read from the URL itself so it works with or without
 * restify's queryParser; a repeated name (`status=a&status=b`) becomes `a,b`.
 */
export function queryObject(req: Request): Record<string, string> {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const out: Record<string, string> = {};
  for (const name of new Set(params.keys())) out[name] = params.getAll(name).join(',');
  return out;
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * The JSON body, whether restify's bodyParser already parsed it (object), kept it raw (string or
 * Buffer), or was not installed at all (then the stream is read here, up to `maxBytes`).
 */
export async function readJsonBody(req: Request, maxBytes = 64 * 1024): Promise<BodyResult> {
  let raw: unknown = (req as { body?: unknown }).body;
  if (raw === undefined && !req.complete) {
    const read = await readStream(req, maxBytes);
    if (!read.ok) return read;
    raw = read.value;
  }
  if (Buffer.isBuffer(raw)) raw = raw.toString('utf8');
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: undefined };
  if (typeof raw !== 'string') return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, message: 'The body is not valid JSON' };
  }
}

function readStream(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve({ ok: false, message: `The body is larger than ${maxBytes} bytes` });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve({ ok: true, value: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ ok: false, message: 'The body could not be read' }));
  });
}
