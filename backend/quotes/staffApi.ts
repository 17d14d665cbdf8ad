import type { Request, Response, Server } from 'restify';
import { bearerGuard } from '../http/bearerAuth.js';
import { queryObject, readJsonBody, sendError, sendJson, sendValidationError } from '../http/jsonHttp.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import { toPublicView } from './publicView.js';
import { quotesToCsv } from './quoteCsv.js';
import { QUOTE_REF_PATTERN } from './quoteRequest.js';
import type { QuoteListQuery, QuoteRepository } from './quoteRepository.js';
import { csvQuerySchema, listQuerySchema, patchBodySchema } from './staffApiSchemas.js';

export interface StaffApiDeps {
  repository: QuoteRepository;
  /** Unset or empty → the API answers 503 `staff_api_disabled`. */
  staffApiKey?: string | undefined;
  logger?: BackendLogger;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * Staff REST API over the quote requests (JSON; errors `{error: {code, message, fields?}}`):
 *
 * - `GET /api/quote-requests?status=&kind=&from=&to=&limit=&offset=&order=` → `{items, total, limit, offset}`
 *   (`status`/`kind` take comma lists; newest first unless `order=asc`; `limit` ≤ 500).
 * - `GET /api/quote-requests/:id` → the request with every collected field and its history.
 * - `PATCH /api/quote-requests/:id` `{status, note?, by?}` → the updated request; 409
 *   `invalid_transition` (with `allowed`) when the change is not allowed; the reseller is notified.
 * - `GET /api/quote-requests.csv` with the same filters → a spreadsheet-safe CSV.
 *
 * Every route needs `Authorization: Bearer <STAFF_API_KEY>` (401 otherwise).
 */
export function registerStaffApi(server: Server, deps: StaffApiDeps): void {
  const { repository } = deps;
  const log = deps.logger ?? silentLogger;
  const authorized = bearerGuard(deps.staffApiKey || undefined);

  /** Auth first, so nobody learns anything without the key; then a JSON 500 for surprises. */
  const guarded =
    (handler: Handler): Handler =>
    async (req, res) => {
      if (!authorized(req, res)) return;
      try {
        await handler(req, res);
      } catch (err) {
        log.error({ err: (err as Error).message, route: req.getRoute()?.path }, 'staff API: unexpected error');
        if (!res.headersSent) sendError(res, 500, 'internal', 'Unexpected error; see the server log');
      }
    };

  const idParam = (req: Request, res: Response): string | undefined => {
    const id = String(req.params?.id ?? '');
    if (QUOTE_REF_PATTERN.test(id)) return id;
    sendError(res, 400, 'invalid_request', 'Invalid id: expected a reference like QR-20261122-0042', ['id']);
    return undefined;
  };

  server.get(
    '/api/quote-requests',
    guarded(async (req, res) => {
      const query = listQuerySchema.safeParse(queryObject(req));
      if (!query.success) return sendValidationError(res, query.error);
      const { items, total } = await repository.list(query.data as QuoteListQuery);
      sendJson(res, 200, { items: items.map(toPublicView), total, limit: query.data.limit, offset: query.data.offset });
    }),
  );

  server.get(
    '/api/quote-requests.csv',
    guarded(async (req, res) => {
      const query = csvQuerySchema.safeParse(queryObject(req));
      if (!query.success) return sendValidationError(res, query.error);
      const { items } = await repository.list(query.data as QuoteListQuery);
      const csv = quotesToCsv(items);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="quote-requests.csv"',
        'content-length': Buffer.byteLength(csv),
        'cache-control': 'no-store',
      });
      res.end(csv);
    }),
  );

  server.get(
    '/api/quote-requests/:id',
    guarded(async (req, res) => {
      const id = idParam(req, res);
      if (!id) return;
      const request = await repository.get(id);
      if (!request) return sendError(res, 404, 'not_found', `No quote request ${id}`);
      sendJson(res, 200, toPublicView(request));
    }),
  );

  server.patch(
    '/api/quote-requests/:id',
    guarded(async (req, res) => {
      const id = idParam(req, res);
      if (!id) return;
      const body = await readJsonBody(req);
      if (!body.ok) return sendError(res, 400, 'invalid_request', body.message, ['(body)']);
      const patch = patchBodySchema.safeParse(body.value ?? {});
      if (!patch.success) return sendValidationError(res, patch.error);
      const { status, note, by } = patch.data;
      const result = await repository.updateStatus(id, status, note || undefined, by);
      if (result.ok) {
        log.info({ ref: id, status }, 'staff API: status changed');
        return sendJson(res, 200, toPublicView(result.request));
      }
      const { error } = result;
      if (error.code === 'not_found') return sendError(res, 404, 'not_found', `No quote request ${id}`);
      const allowed = error.allowed.length ? error.allowed.join(', ') : 'none (final status)';
      sendJson(res, 409, {
        error: {
          code: 'invalid_transition',
          message: `Cannot change ${id} from ${error.from} to ${error.to}; allowed: ${allowed}`,
          fields: ['status'],
          from: error.from,
          allowed: error.allowed,
        },
      });
    }),
  );
}
