import type { Request, Response, Server } from 'restify';
import { queryObject, readJsonBody, sendError, sendJson, sendValidationError } from '../../backend/http/jsonHttp.js';
import { decisionSchema, ReviewError, type ReviewService } from '../../backend/insights/reviewService.js';
import { instantsOf } from '../../backend/insights/dataset.js';
import { readRange } from './query.js';
import type { staffGuard } from './routes.js';

const STATUS: Record<ReviewError['code'], number> = {
  unknown_topic: 400,
  unknown_questions: 400,
  already_reviewed: 409,
  not_found: 404,
  not_undoable: 409,
};

function sendReviewError(res: Response, err: unknown): void {
  if (!(err instanceof ReviewError)) throw err;
  sendError(res, STATUS[err.code], err.code, err.message, err.fields);
}

/**
 * The review queue of /insights: GET the clusters of a range, POST a decision on some of their
 * questions, the overlay's history with an undo per version, and the overlay as a patch to
 * knowledge/faq/*.json. Same guard as the charts; the author of a decision is the one signed in.
 */
export function registerReviewRoutes(
  server: Server,
  deps: { review: ReviewService; guarded: ReturnType<typeof staffGuard>; now: () => Date },
): void {
  const { review, guarded } = deps;

  server.get('/api/insights/review', guarded(async (req, res) => {
    const read = readRange(queryObject(req), deps.now());
    if (!read.ok) {
      if (typeof read.error === 'string') return sendError(res, 400, 'invalid_request', `Invalid range: ${read.error}`, ['from', 'to']);
      return sendValidationError(res, read.error);
    }
    const queue = await review.queue(instantsOf(read.range));
    sendJson(res, 200, { range: { from: read.range.first, to: read.range.last, tz: read.range.timeZone }, ...queue });
  }));

  server.post('/api/insights/review', guarded(async (req, res, member) => {
    const body = await readJsonBody(req);
    if (!body.ok) return sendError(res, 400, 'invalid_json', body.message);
    const parsed = decisionSchema.safeParse(body.value);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    try {
      const change = await review.decide(parsed.data, member.name);
      sendJson(res, 201, { change });
    } catch (err) {
      sendReviewError(res, err);
    }
  }));

  server.get('/api/insights/overlay', guarded(async (_req, res) => sendJson(res, 200, await review.history())));

  server.post('/api/insights/overlay/:version/undo', guarded(async (req, res, member) => {
    const version = Number(req.params.version);
    if (!Number.isInteger(version) || version < 1) return sendError(res, 400, 'invalid_request', 'Expected a version number.', ['version']);
    try {
      sendJson(res, 201, { change: await review.undo(version, member.name) });
    } catch (err) {
      sendReviewError(res, err);
    }
  }));

  server.get('/api/insights/overlay/patch', guarded(async (_req, res) => {
    const patch = await review.patch();
    res.writeHead(200, {
      'content-type': 'text/x-diff; charset=utf-8',
      'content-disposition': 'attachment; filename="knowledge-overlay.patch"',
      'cache-control': 'no-store',
    });
    res.end(patch);
  }));
}
