import type { z } from 'zod';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';
import type { PendingEffect } from '../delivery/retryQueue.js';
import type { Collection } from '../store/collection.js';
import {
  quoteRequestDraftSchema,
  quoteRequestSchema,
  type HistoryEntry,
  type QuoteRequest,
  type QuoteRequestDraft,
  type QuoteStatus,
} from './quoteRequest.js';
import type { QuoteReferences } from './quoteReference.js';
import { Serial } from './serial.js';
import { TRANSITIONS } from './transitions.js';

/** Who asks about a request: ids are only unique within a channel, so the channel always counts. */
export interface Requester {
  channel: string;
  userId?: string;
  conversationId?: string;
}

/** Filed on this channel, by this user or in this conversation. */
function isRequester(request: QuoteRequest, { channel, userId, conversationId }: Requester): boolean {
  if (request.channel !== channel) return false;
  const sameUser = userId !== undefined && request.userId === userId;
  const sameConversation = conversationId !== undefined && request.conversationId === conversationId;
  return sameUser || sameConversation;
}

export interface QuoteListQuery {
  status?: readonly QuoteStatus[];
  kind?: readonly QuoteKind[];
  /** Created at or after (inclusive). */
  from?: Date;
  /** Created strictly before (exclusive). */
  to?: Date;
  limit?: number;
  offset?: number;
  /** By creation time; `desc` (newest first) by default. */
  order?: 'asc' | 'desc';
}

export type StatusUpdateError =
  | { code: 'not_found'; id: string }
  | { code: 'invalid_transition'; id: string; from: QuoteStatus; to: QuoteStatus; allowed: readonly QuoteStatus[] };

export type StatusUpdateResult = { ok: true; request: QuoteRequest } | { ok: false; error: StatusUpdateError };

/** Thrown by `create` when the draft does not fit the model; `fields` are dotted paths. */
export class QuoteValidationError extends Error {
  constructor(
    readonly fields: string[],
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`quote request: invalid ${fields.join(', ')}`);
    this.name = 'QuoteValidationError';
  }
}

/**
 * Write-ahead side effects: each hook durably stores what must follow a change (a webhook
 * delivery, a status notification) *before* the change itself is stored, and returns a handle
 * released once it is. A crash in between is cleaned up at start-up (see `index.ts`).
 */
export interface QuoteHooks {
  filed?: Array<(request: QuoteRequest) => Promise<PendingEffect | undefined>>;
  statusChanged?: Array<(request: QuoteRequest) => Promise<PendingEffect | undefined>>;
  /** After a request lost its link to the chat user: outboxes drop or rewrite what still carries it. */
  unlinked?: Array<(request: QuoteRequest) => Promise<void>>;
}

/** A chat user as the channel names them: the requests they filed are theirs. */
export interface ChatUser {
  channel: string;
  userId: string;
}

export interface QuoteRepository {
  /**
   * Files a request, or returns the one already filed with this key in the same conversation
   * (a double-clicked Confirm, a redelivered activity): filing is idempotent.
   * Throws `QuoteValidationError` for an invalid draft.
   */
  create(draft: QuoteRequestDraft, options: { idempotencyKey: string }): Promise<QuoteRequest>;
  get(id: string): Promise<QuoteRequest | undefined>;
  /** The request only if, on the same channel, the same user or the same conversation filed it; otherwise undefined, as if absent. */
  findForRequester(id: string, requester: Requester): Promise<QuoteRequest | undefined>;
  /** The requests this user or conversation filed, newest first, at most `limit`. */
  listForRequester(requester: Requester, limit: number): Promise<QuoteRequest[]>;
  list(query?: QuoteListQuery): Promise<{ items: QuoteRequest[]; total: number }>;
  updateStatus(id: string, status: QuoteStatus, note?: string, by?: string): Promise<StatusUpdateResult>;
  /**
   * "Delete my data": the user's requests keep every business field and their history, but lose
   * the user id, the conversation id and the conversation reference (no status message can reach
   * the user any more). Resolves with the references unlinked.
   */
  unlinkRequester(user: ChatUser): Promise<string[]>;
}

export interface EmbeddedRepositoryOptions {
  quotes: Collection<QuoteRequest>;
  references: QuoteReferences;
  hooks?: QuoteHooks;
  now?: () => Date;
}

/**
 * The repository over embedded collections. The idempotency index lives in memory, rebuilt from
 * the stored requests at open; with several bot instances, implement `QuoteRepository` on a
 * shared database instead (unique index on conversation + key, a sequence for references, and
 * the status change and its notification in one transaction).
 */
export async function openQuoteRepository(options: EmbeddedRepositoryOptions): Promise<QuoteRepository> {
  const { quotes, references } = options;
  const now = options.now ?? (() => new Date());
  const hooks = { filed: options.hooks?.filed ?? [], statusChanged: options.hooks?.statusChanged ?? [], unlinked: options.hooks?.unlinked ?? [] };
  const serial = new Serial();
  const byIdempotencyKey = new Map<string, string>();
  const scopedKey = (conversationId: string, key: string) => `${conversationId}\u0000${key}`;
  for await (const request of quotes.values()) {
    if (request.conversationId) byIdempotencyKey.set(scopedKey(request.conversationId, request.idempotencyKey), request.id);
  }

  /** Runs the write-ahead hooks, stores the request, then releases (or on failure abandons) the effects. */
  async function store(request: QuoteRequest, effectHooks: typeof hooks.filed): Promise<void> {
    const effects: PendingEffect[] = [];
    try {
      for (const hook of effectHooks) {
        const effect = await hook(request);
        if (effect) effects.push(effect);
      }
      await quotes.put(request.id, request);
    } catch (err) {
      await Promise.allSettled(effects.map((e) => e.abandon()));
      throw err;
    }
    for (const effect of effects) effect.release();
  }

  return {
    create(draft, { idempotencyKey }) {
      const parsed = quoteRequestDraftSchema.safeParse(draft);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))];
        return Promise.reject(new QuoteValidationError(fields, parsed.error.issues));
      }
      if (!idempotencyKey) return Promise.reject(new QuoteValidationError(['idempotencyKey'], []));
      const scoped = scopedKey(parsed.data.conversationId, idempotencyKey);
      return serial.run(async () => {
        const existingId = byIdempotencyKey.get(scoped);
        const existing = existingId ? await quotes.get(existingId) : undefined;
        if (existing) return existing;
        const at = now();
        const stamp = at.toISOString();
        const request = quoteRequestSchema.parse({
          ...parsed.data,
          id: await references.next(at),
          idempotencyKey,
          status: 'submitted',
          createdAt: stamp,
          updatedAt: stamp,
          history: [{ status: 'submitted', at: stamp, by: 'bot' }],
        });
        await store(request, hooks.filed);
        byIdempotencyKey.set(scoped, request.id);
        return (await quotes.get(request.id))!;
      });
    },

    get: (id) => quotes.get(id),

    async findForRequester(id, requester) {
      const request = await quotes.get(id);
      return request && isRequester(request, requester) ? request : undefined;
    },

    async listForRequester(requester, limit) {
      const mine: QuoteRequest[] = [];
      for await (const r of quotes.values()) if (isRequester(r, requester)) mine.push(r);
      return mine.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id))).slice(0, limit);
    },

    async list(query = {}) {
      const from = query.from?.toISOString();
      const to = query.to?.toISOString();
      const matches: QuoteRequest[] = [];
      for await (const r of quotes.values()) {
        if (query.status && !query.status.includes(r.status)) continue;
        if (query.kind && !query.kind.includes(r.kind)) continue;
        // ISO-8601 UTC strings compare in time order.
        if (from && r.createdAt < from) continue;
        if (to && r.createdAt >= to) continue;
        matches.push(r);
      }
      if ((query.order ?? 'desc') === 'desc') matches.reverse();
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 50;
      return { items: matches.slice(offset, offset + limit), total: matches.length };
    },

    updateStatus(id, status, note, by) {
      return serial.run(async (): Promise<StatusUpdateResult> => {
        const current = await quotes.get(id);
        if (!current) return { ok: false, error: { code: 'not_found', id } };
        const allowed = TRANSITIONS[current.status];
        if (!allowed.includes(status)) {
          return { ok: false, error: { code: 'invalid_transition', id, from: current.status, to: status, allowed } };
        }
        const at = now().toISOString();
        const entry: HistoryEntry = { status, at, ...(note?.trim() ? { note: note.trim() } : {}), ...(by ? { by } : {}) };
        const request: QuoteRequest = { ...current, status, updatedAt: at, history: [...current.history, entry] };
        await store(request, hooks.statusChanged);
        return { ok: true, request: (await quotes.get(id))! };
      });
    },

    unlinkRequester({ channel, userId }) {
      return serial.run(async () => {
        const mine: QuoteRequest[] = [];
        for await (const r of quotes.values()) if (r.channel === channel && r.userId === userId) mine.push(r);
        for (const current of mine) {
          const { userId: _user, conversationId, conversationRef: _ref, ...kept } = current;
          const request: QuoteRequest = { ...kept, unlinkedAt: now().toISOString() };
          await quotes.put(request.id, request);
          if (conversationId) byIdempotencyKey.delete(scopedKey(conversationId, current.idempotencyKey));
          for (const hook of hooks.unlinked) await hook(request);
        }
        return mine.map((r) => r.id);
      });
    },
  };
}
