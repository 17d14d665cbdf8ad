import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { sendError } from './jsonHttp.js';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time comparison of a key given by a caller with the configured one (both hashed: no length leak). */
export const keyMatches = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected));

/** The key of an `Authorization: Bearer <key>` header, if that is what the header holds. */
export const bearerKey = (header: string | undefined): string | undefined => /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')?.[1];

/**
 * `Authorization: Bearer <key>` against a configured key. Both sides are hashed first so the
 * comparison is constant-time and of equal length whatever the caller sends (no length leak).
 * No key configured → every call gets 503 `staff_api_disabled`: the routes exist (the operator
 * sees why they fail) but can never be opened by an empty or default key.
 */
export function bearerGuard(apiKey: string | undefined): (req: Request, res: Response) => boolean {
  const expected = apiKey ? digest(apiKey) : undefined;
  return (req, res) => {
    if (!expected) {
      sendError(res, 503, 'staff_api_disabled', 'The staff API is disabled because STAFF_API_KEY is not set');
      return false;
    }
    const key = bearerKey(req.headers.authorization);
    if (key && timingSafeEqual(digest(key), expected)) return true;
    res.setHeader('www-authenticate', 'Bearer');
    sendError(res, 401, 'unauthorized', 'A valid "Authorization: Bearer <STAFF_API_KEY>" header is required');
    return false;
  };
}
