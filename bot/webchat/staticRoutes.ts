import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Next, Request, Response, Server } from 'restify';
import { sendError } from '../http/server.js';
import { fromRoot } from '../paths.js';

interface Asset {
  file: string;
  type: string;
  /** Long-lived only for the versioned Web Chat bundle; the page's own files change with deploys. */
  maxAge: number;
}

const PAGE: Asset = { file: fromRoot('web', 'chat', 'index.html'), type: 'text/html; charset=utf-8', maxAge: 0 };

/** A fixed list, not a folder: nothing else under web/ or node_modules/ can be asked for. */
const ASSETS: Record<string, Asset> = {
  'app.js': { file: fromRoot('web', 'chat', 'app.js'), type: 'text/javascript; charset=utf-8', maxAge: 0 },
  'style.css': { file: fromRoot('web', 'chat', 'style.css'), type: 'text/css; charset=utf-8', maxAge: 0 },
  'webchat.js': {
    file: fromRoot('node_modules', 'botframework-webchat', 'dist', 'webchat.js'),
    type: 'text/javascript; charset=utf-8',
    maxAge: 86_400,
  },
};

interface Loaded {
  raw: Buffer;
  gzip: Buffer;
}

/** What the page needs to know to connect, served as /chat/config.json. */
export interface PageConfig {
  mode: 'local' | 'service';
  /** Local: the Direct Line client routes on this origin. Service: the Direct Line service. */
  domain: string;
  tokenUrl?: string;
}

export function contentSecurityPolicy(directLineEndpoint?: string): string {
  const service = directLineEndpoint ? new URL(directLineEndpoint) : undefined;
  const connect = ["'self'", ...(service ? [service.origin, `wss://${service.host}`] : [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Web Chat styles itself with emotion, which injects <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * The web chat page at / and /chat, its files, and the Web Chat bundle from
 * node_modules (no CDN). Files are read once and kept gzipped too: the bundle is
 * 3.9 MB raw, about 1 MB gzipped, which matters on a phone.
 */
export function registerStaticRoutes(server: Server, pageConfig: PageConfig, csp: string): void {
  const cache = new Map<string, Loaded>();
  const load = (asset: Asset): Loaded => {
    let loaded = cache.get(asset.file);
    if (!loaded) {
      const raw = readFileSync(asset.file);
      loaded = { raw, gzip: gzipSync(raw) };
      cache.set(asset.file, loaded);
    }
    return loaded;
  };

  const send = (req: Request, res: Response, asset: Asset): void => {
    const { raw, gzip } = load(asset);
    const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzipped ? gzip : raw;
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': body.length,
      'cache-control': asset.maxAge ? `public, max-age=${asset.maxAge}` : 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
      ...(asset === PAGE ? { 'content-security-policy': csp, 'referrer-policy': 'no-referrer' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const page = (req: Request, res: Response, next: Next): void => {
    send(req, res, PAGE);
    next();
  };
  for (const path of ['/', '/chat', '/chat/']) {
    server.get(path, page);
    server.head(path, page);
  }
  server.get('/chat/config.json', (_req: Request, res: Response, next: Next) => {
    res.header('cache-control', 'no-store');
    res.json(pageConfig);
    next();
  });
  server.get('/chat/:asset', (req: Request, res: Response, next: Next) => {
    const name = String(req.params.asset);
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (asset) send(req, res, asset);
    else sendError(res, 404, 'NotFound', 'No such file.');
    next();
  });
}
