import type { i18n } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { CHARTS, chartTable, summary, type Dataset, type Table } from '../../backend/insights/charts.js';
import { loadDataset } from '../../backend/insights/dataset.js';
import type { InsightRecorder } from '../../backend/insights/recorder.js';
import { queryObject, sendError, sendJson, sendValidationError } from '../../backend/http/jsonHttp.js';
import { toCsv } from '../../backend/quotes/csv.js';
import { FAQ_IDS, type FaqEntry } from '../../knowledge/faq.js';
import { isLang, type Lang } from '../../knowledge/lang.js';
import { serveStaffPages } from '../handoff/consoleRoutes.js';
import type { Logger } from '../log.js';
import { readRange, type RangeQuery } from './query.js';
import type { StaffAuth, StaffMember } from './staffAuth.js';

export interface InsightsRouteDeps {
  auth: StaffAuth;
  recorder: InsightRecorder;
  /** Topic titles in the reader's language. */
  entry(id: string): FaqEntry | undefined;
  i18n: i18n;
  logger: Logger;
  now: () => Date;
}

export type StaffHandler = (req: Request, res: Response, member: StaffMember) => Promise<void>;

/** The page's own files and Chart.js from node_modules; nothing else is reachable from here. */
const STATIC: Record<string, { file: string[]; type: string }> = {
  '/insights': { file: ['web', 'insights', 'index.html'], type: 'text/html; charset=utf-8' },
  '/insights/': { file: ['web', 'insights', 'index.html'], type: 'text/html; charset=utf-8' },
  '/insights/app.js': { file: ['web', 'insights', 'app.js'], type: 'text/javascript; charset=utf-8' },
  '/insights/review.js': { file: ['web', 'insights', 'review.js'], type: 'text/javascript; charset=utf-8' },
  '/insights/style.css': { file: ['web', 'insights', 'style.css'], type: 'text/css; charset=utf-8' },
  '/insights/chart.js': { file: ['node_modules', 'chart.js', 'dist', 'chart.umd.min.js'], type: 'text/javascript; charset=utf-8' },
};

/** How long one range's data is reused: the page asks for every chart at once. */
const DATASET_TTL_MS = 2000;

/**
 * Authenticates (staff key or advocate key), runs, and turns failures into JSON errors. No key
 * configured at all: 503, so the routes exist but can never be opened by an empty key.
 */
export function staffGuard(auth: StaffAuth, logger: Logger) {
  return (handler: StaffHandler) => async (req: Request, res: Response) => {
    if (!auth.enabled) return sendError(res, 503, 'insights_disabled', 'Set STAFF_API_KEY or ADVOCATES to sign in to the insights.');
    const member = auth.authenticate(req);
    if (!member) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendError(res, 401, 'unauthorized', 'A staff or advocate key is required (Authorization: Bearer <key>).');
    }
    try {
      await handler(req, res, member);
    } catch (err) {
      logger.error({ err: { message: (err as Error).message }, path: req.path() }, 'insights: request failed');
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'Internal error.');
    }
  };
}

/**
 * GET /insights (the page) and the JSON API under /api/insights: the totals of a range, one route
 * per chart (`/api/insights/<chart>`, and `<chart>.csv` for its table), all behind the staff or an
 * advocate key.
 */
export function registerInsightsRoutes(
  server: Server,
  deps: InsightsRouteDeps,
): { guarded: ReturnType<typeof staffGuard>; dataset: (range: RangeQuery) => Promise<Dataset>; forget: () => void } {
  const guarded = staffGuard(deps.auth, deps.logger);

  serveStaffPages(server, STATIC);

  // The page's strings (not secret): it is drawn before anyone signs in.
  server.get('/insights/strings.json', async (req: Request, res: Response) => {
    const lang = queryObject(req).lang;
    const lng: Lang = isLang(lang) ? lang : 'en';
    sendJson(res, 200, { lang: lng, strings: deps.i18n.getResourceBundle(lng, 'insights') ?? {} });
  });

  const cache = new Map<string, { at: number; data: Promise<Dataset> }>();
  const dataset = (range: RangeQuery): Promise<Dataset> => {
    const key = `${range.first}|${range.last}|${range.timeZone}`;
    const now = Date.now();
    for (const [k, v] of cache) if (now - v.at > DATASET_TTL_MS) cache.delete(k);
    let hit = cache.get(key);
    if (!hit) {
      hit = { at: now, data: deps.recorder.sourcesWithRecords().then((sources) => loadDataset(sources, range, deps.now())) };
      hit.data.catch(() => cache.delete(key));
      cache.set(key, hit);
    }
    return hit.data;
  };

  /** Reads the range of the query string, or answers 400 and returns undefined. */
  const rangeOf = (req: Request, res: Response): RangeQuery | undefined => {
    const read = readRange(queryObject(req), deps.now());
    if (read.ok) return read.range;
    if (typeof read.error === 'string') sendError(res, 400, 'invalid_request', `Invalid range: ${read.error}`, ['from', 'to']);
    else sendValidationError(res, read.error);
    return undefined;
  };

  server.post('/api/insights/session', guarded(async (_req, res, member) => sendJson(res, 200, member)));

  server.get('/api/insights/summary', guarded(async (req, res) => {
    const range = rangeOf(req, res);
    if (!range) return;
    sendJson(res, 200, { range: { from: range.first, to: range.last, tz: range.timeZone }, summary: summary(await dataset(range)) });
  }));

  server.get('/api/insights/topics', guarded(async (req, res) => {
    const lang = queryObject(req).lang;
    const lng: Lang = isLang(lang) ? lang : 'en';
    const topics = FAQ_IDS.filter((id) => deps.entry(id)).map((id) => ({ id, title: deps.entry(id)?.[lng].title ?? id }));
    sendJson(res, 200, { topics });
  }));

  for (const chart of CHARTS) {
    const table = async (range: RangeQuery): Promise<Table> => withTitles(chartTable(chart, await dataset(range)), deps, range.lang);
    server.get(`/api/insights/${chart}`, guarded(async (req, res) => {
      const range = rangeOf(req, res);
      if (!range) return;
      sendJson(res, 200, { chart, range: { from: range.first, to: range.last, tz: range.timeZone }, ...(await table(range)) });
    }));
    server.get(`/api/insights/${chart}.csv`, guarded(async (req, res) => {
      const range = rangeOf(req, res);
      if (!range) return;
      const { columns, rows } = await table(range);
      const body = toCsv(columns, rows.map((row) => row.map((cell) => (cell === null ? '' : cell))));
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="insights-${chart}-${range.first}-${range.last}.csv"`,
        'cache-control': 'no-store',
      });
      res.end(body);
    }));
  }

  // A dataset read just before an erasure still holds the user's records: "delete my data" drops them all.
  return { guarded, dataset, forget: () => cache.clear() };
}

/** Tables keyed by topic get the topic's title, in the reader's language, next to its id. */
function withTitles(table: Table, deps: InsightsRouteDeps, lang: Lang): Table {
  if (table.columns[0] !== 'topic') return table;
  return {
    columns: ['topic', 'title', ...table.columns.slice(1)],
    rows: table.rows.map(([id, ...rest]) => [id!, deps.entry(String(id))?.[lang].title ?? String(id), ...rest]),
  };
}
