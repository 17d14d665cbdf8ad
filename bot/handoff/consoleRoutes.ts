import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';
import { HandoffError, ticketUserId, type Advocate, type AdvocateDirectory, type Ticket } from '../../backend/handoff/index.js';
import { conversationKey } from '../../backend/insights/insightRecord.js';
import type { InsightRecorder } from '../../backend/insights/recorder.js';
import { isLang } from '../../knowledge/lang.js';
import { sendError } from '../http/server.js';
import type { Logger } from '../log.js';
import { fromRoot } from '../paths.js';
import type { ConsoleEvents } from './events.js';
import type { KnowledgeSearch } from './knowledge.js';
import { UnreachableError, type HandoffService } from './service.js';

export interface ConsoleDeps {
  service: HandoffService;
  advocates: AdvocateDirectory;
  events: ConsoleEvents;
  logger: Logger;
  knowledge?: KnowledgeSearch;
  /** Where the advocates' knowledge searches go, so the review queue learns what they thought a question was about. */
  insights?: { recorder: InsightRecorder; now: () => Date };
}

/** The console's own files, by URL; nothing else under web/ is reachable from here. */
const STATIC: Record<string, { file: string; type: string }> = {
  '/advocate': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/advocate/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/advocate/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/advocate/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

/** No inline script or style, no third-party origin: injected markup could not run even if it got in. */
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Staff pages' files (the console, /insights), each read from the project at request time and
 * served under CONSOLE_CSP with no caching and no referrer: only the paths listed are reachable.
 */
export function serveStaffPages(server: Server, files: Record<string, { file: string[]; type: string }>): void {
  for (const [path, { file, type }] of Object.entries(files)) {
    server.get(path, async (_req: Request, res: Response) => {
      const body = await readFile(fromRoot(...file));
      res.writeHead(200, {
        'content-type': type,
        'content-security-policy': CONSOLE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(body);
    });
  }
}

const messageBody = z.object({
  text: z.string().trim().min(1).max(4000),
  /** The knowledge-base answer the text started from ("Use this answer"), if any. */
  faqId: z.string().max(100).optional(),
});
const FOLLOW_UPS_LISTED = 50;

type Handler = (req: Request, res: Response, advocate: Advocate) => Promise<void>;

/**
 * GET /advocate (the page) and the JSON API under /api/handoff, every call
 * with `Authorization: Bearer <advocate key>`. Advocates may read every
 * ticket, but write only to the conversations they accepted.
 */
export function registerConsoleRoutes(server: Server, deps: ConsoleDeps): void {
  const { service, advocates, events, logger } = deps;

  serveStaffPages(server, Object.fromEntries(Object.entries(STATIC).map(([path, { file, type }]) => [path, { file: ['web', 'advocate', file], type }])));

  /** Authenticates, runs, and maps domain errors to HTTP statuses. */
  const guarded = (handler: Handler) => async (req: Request, res: Response) => {
    const advocate = advocates.authenticate(bearer(req));
    if (!advocate) return sendError(res, 401, 'Unauthorized', 'An advocate key is required (Authorization: Bearer <key>).');
    res.header('cache-control', 'no-store');
    try {
      await handler(req, res, advocate);
    } catch (err) {
      if (err instanceof HandoffError) {
        const status = { notFound: 404, invalidTransition: 409, notOwner: 403 }[err.code];
        return sendError(res, status, err.code, err.message.replace(/^handoff: /, ''));
      }
      if (err instanceof UnreachableError) return sendError(res, 502, 'Unreachable', 'The user could not be reached; the message was not delivered.');
      logger.error({ err: { message: (err as Error).message }, path: req.path() }, 'handoff console: request failed');
      return sendError(res, 500, 'InternalError', 'Internal error.');
    }
  };

  server.post('/api/handoff/session', guarded(async (_req, res, advocate) => {
    res.json({ name: advocate.name, knowledge: Boolean(deps.knowledge) });
  }));

  server.get('/api/handoff/tickets', guarded(async (_req, res) => {
    const store = await service.store;
    const waiting = await store.list(['waiting']);
    const active = await store.list(['active']);
    const followUps = (await store.list(['followUp'])).slice(-FOLLOW_UPS_LISTED);
    res.json({
      tickets: [
        ...waiting.map((t, i) => service.summary(t, i + 1)),
        ...active.map((t) => service.summary(t)),
        ...followUps.reverse().map((t) => service.summary(t)),
      ],
    });
  }));

  server.get('/api/handoff/tickets/:id', guarded(async (req, res) => {
    const ticket = await service.get(String(req.params.id));
    if (!ticket) throw new HandoffError('notFound', `no ticket ${String(req.params.id)}`);
    res.json({ ticket: await detail(service, ticket) });
  }));

  server.post('/api/handoff/tickets/:id/accept', guarded(async (req, res, advocate) => {
    const id = String(req.params.id);
    const delivered = await deliveredOrNot(() => service.accept(id, advocate));
    res.json({ ticket: await detail(service, (await service.get(id))!), delivered });
  }));

  server.post('/api/handoff/tickets/:id/messages', guarded(async (req, res, advocate) => {
    const body = messageBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'BadRequest', 'Expected {"text": "…"} (1–4000 characters).', ['text']);
    const id = String(req.params.id);
    const entry = await service.sendFromAdvocate(id, advocate, body.data.text);
    if (body.data.faqId) await recordKnowledge(deps, await service.get(id), advocate, { used: body.data.faqId, results: [] });
    res.json({ message: entry });
  }));

  server.post('/api/handoff/tickets/:id/close', guarded(async (req, res, advocate) => {
    const id = String(req.params.id);
    const delivered = await deliveredOrNot(() => service.close(id, advocate));
    res.json({ ticket: await detail(service, (await service.get(id))!), delivered });
  }));

  // An email follow-up answered outside the console: marked done, it leaves the list.
  server.post('/api/handoff/tickets/:id/done', guarded(async (req, res, advocate) => {
    const id = String(req.params.id);
    res.json({ ticket: await detail(service, await service.done(id, advocate)) });
  }));

  server.get('/api/handoff/knowledge', guarded(async (req, res, advocate) => {
    if (!deps.knowledge) return sendError(res, 501, 'NotAvailable', 'The knowledge base is not wired into the console yet.');
    const query = (req.query ?? {}) as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.slice(0, 500) : '';
    const lang = isLang(query.lang) ? query.lang : 'en';
    const results = q.trim() ? await deps.knowledge.search(q, lang, 5) : [];
    if (q.trim() && typeof query.ticket === 'string') {
      await recordKnowledge(deps, await service.get(query.ticket), advocate, { query: q, results: results.map((r) => r.id) });
    }
    res.json({ lang, results });
  }));

  server.get('/api/handoff/events', (req: Request, res: Response, next: Next) => {
    const advocate = advocates.authenticate(bearer(req));
    if (!advocate) {
      sendError(res, 401, 'Unauthorized', 'An advocate key is required (Authorization: Bearer <key>).');
      return next(false);
    }
    events.attach(advocate.name, res, () => undefined);
    // The stream stays open: restify's chain is not resumed.
  });
}

/** An advocate's search (or the answer they used) in a ticket's conversation, as an insight record. */
async function recordKnowledge(
  deps: ConsoleDeps,
  ticket: Ticket | undefined,
  advocate: Advocate,
  what: { query?: string; results: string[]; used?: string },
): Promise<void> {
  if (!deps.insights || !ticket) return;
  const userId = ticketUserId(ticket);
  await deps.insights.recorder.record({
    id: randomUUID(),
    kind: 'kbSearch',
    at: deps.insights.now().toISOString(),
    ...(userId ? { subject: { channelId: ticket.channel, userId } } : {}),
    conversation: conversationKey(ticket.channel, ticket.conversationId),
    channel: ticket.channel,
    lang: ticket.lang,
    ticket: ticket.id,
    advocate: advocate.name,
    ...what,
  });
}

function bearer(req: Request): string | undefined {
  const header = req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** Runs a move that is saved before the user is told; says whether the user heard about it. */
async function deliveredOrNot(move: () => Promise<unknown>): Promise<boolean> {
  try {
    await move();
    return true;
  } catch (err) {
    if (err instanceof UnreachableError) return false;
    throw err;
  }
}

/**
 * A ticket as an advocate sees it: no conversation reference (it holds the channel's service URL)
 * and no user id; the messages, with a summary of the oldest when there were too many to keep.
 */
async function detail(service: HandoffService, ticket: Ticket) {
  const { entries, summary } = await service.transcript(ticket.id);
  return {
    ...service.summary(ticket),
    transcript: entries,
    transcriptSummary: summary ?? null,
    parked: ticket.parked ?? null,
    email: ticket.email ?? null,
    about: ticket.about ?? null,
    rating: ticket.rating ?? null,
    followUpBy: ticket.followUpBy ?? null,
    endedAt: ticket.endedAt ?? null,
  };
}
