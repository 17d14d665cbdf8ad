import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { bearerGuard } from '../../backend/http/bearerAuth.js';
import { readJsonBody, sendError, sendJson, sendValidationError } from '../../backend/http/jsonHttp.js';
import { ErasureError, type PersonalDataRegistry } from '../../backend/privacy/index.js';
import type { Logger } from '../log.js';

const bodySchema = z
  .object({
    /** Bot Framework channel id: `msteams`, `webchat`, `directline`… */
    channelId: z.string().trim().min(1).max(100),
    /** The user id as that channel sends it (`activity.from.id`). */
    userId: z.string().trim().min(1).max(500),
  })
  .strict();

/**
 * `POST /api/privacy/erase` `{channelId, userId}` with `Authorization: Bearer <STAFF_API_KEY>`:
 * what a user's "delete my data" does, for a request that reached the team another way. Answers
 * 200 `{erased: {conversations, profiles, tickets, messages, questions, votes, quotesUnlinked}}`,
 * 500 `erasure_incomplete` naming the stores that failed (call again to finish).
 */
export function registerErasureRoute(server: Server, deps: { privacy: PersonalDataRegistry; staffApiKey: string | undefined; logger: Logger }): void {
  const authorized = bearerGuard(deps.staffApiKey);
  server.post('/api/privacy/erase', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    const body = await readJsonBody(req);
    if (!body.ok) return sendError(res, 400, 'invalid_request', body.message, ['(body)']);
    const parsed = bodySchema.safeParse(body.value ?? {});
    if (!parsed.success) return sendValidationError(res, parsed.error);
    try {
      const erased = await deps.privacy.erase(parsed.data);
      deps.logger.info({ channelId: parsed.data.channelId, erased }, 'privacy: erased on staff request');
      sendJson(res, 200, { erased });
    } catch (err) {
      if (!(err instanceof ErasureError)) deps.logger.error({ err: { message: (err as Error).message } }, 'privacy: staff erasure failed');
      const stores = err instanceof ErasureError ? err.failures.map((f) => f.store) : [];
      sendError(res, 500, 'erasure_incomplete', `Erasure incomplete${stores.length ? ` in ${stores.join(', ')}` : ''}; call again to finish`);
    }
  });
}
