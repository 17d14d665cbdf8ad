import type { Database, Queryable, Tx } from '../db/database.js';
import { jsonb } from '../db/json.js';
import {
  quoteRequestDraftSchema,
  quoteRequestSchema,
  type HistoryEntry,
  type QuoteRequest,
} from './quoteRequest.js';
import { isRequester, QuoteValidationError, type QuoteRepository, type StatusUpdateResult } from './quoteRepository.js';
import { TRANSITIONS } from './transitions.js';

/**
 * What a change writes besides the request, in the same transaction: outbox entries (the
 * webhook delivery of a filing, the notification of a status change) and the clean-up of an
 * unlinking. Nothing is write-ahead here: the transaction makes the change and its effects one.
 */
export interface PgQuoteHooks {
  filed?: Array<(tx: Tx, request: QuoteRequest) => Promise<void>>;
  statusChanged?: Array<(tx: Tx, request: QuoteRequest) => Promise<void>>;
  unlinked?: Array<(tx: Tx, request: QuoteRequest) => Promise<void>>;
}

interface Row {
  request: Omit<QuoteRequest, 'history'>;
  history: HistoryEntry[];
}

/** The request with its history rows, oldest first. */
const SELECT_REQUEST = `SELECT q.request, coalesce((SELECT jsonb_agg(h.entry ORDER BY h.idx) FROM quote_history h WHERE h.quote_id = q.id), '[]'::jsonb) AS history FROM quote_requests q`;

/** Rolls the filing transaction back when another instance filed the same key first. */
class AlreadyFiled extends Error {}

/**
 * `QuoteRepository` on PostgreSQL, shared by every instance.
 *
 * - References: the day's row of `quote_day_counters` is incremented in the filing transaction
 *   (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), which serialises filings of a day across
 *   instances; the primary key on the reference makes a duplicate impossible even so.
 * - Idempotency: a unique index on (conversation, key). Two instances filing the same key at
 *   once: the second insert waits for the first and then conflicts; its transaction (counter
 *   increment included, so no number is burnt) is rolled back and the first request returned.
 * - History: a row per status change in `quote_history`; a status change locks the request row
 *   (`FOR UPDATE`), checks the transition, writes the history row and the notification in one
 *   transaction, so a double PATCH from two instances notifies once.
 */
export class PgQuoteRepository implements QuoteRepository {
  readonly #db: Database;
  readonly #hooks: Required<PgQuoteHooks>;
  readonly #now: () => Date;

  constructor(db: Database, options: { hooks?: PgQuoteHooks; now?: () => Date } = {}) {
    this.#db = db;
    this.#hooks = { filed: options.hooks?.filed ?? [], statusChanged: options.hooks?.statusChanged ?? [], unlinked: options.hooks?.unlinked ?? [] };
    this.#now = options.now ?? (() => new Date());
  }

  async create(draft: Parameters<QuoteRepository['create']>[0], { idempotencyKey }: { idempotencyKey: string }): Promise<QuoteRequest> {
    const parsed = quoteRequestDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))];
      throw new QuoteValidationError(fields, parsed.error.issues);
    }
    if (!idempotencyKey) throw new QuoteValidationError(['idempotencyKey'], []);
    const existing = await this.#byKey(parsed.data.conversationId, idempotencyKey);
    if (existing) return existing;
    const at = this.#now();
    const stamp = at.toISOString();
    const day = stamp.slice(0, 10).replaceAll('-', '');
    try {
      return await this.#db.tx(async (client) => {
        const { rows } = await client.query<{ last: number }>(
          'INSERT INTO quote_day_counters (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = quote_day_counters.last + 1 RETURNING last',
          [day],
        );
        const request = quoteRequestSchema.parse({
          ...parsed.data,
          id: `QR-${day}-${String(rows[0]!.last).padStart(4, '0')}`,
          idempotencyKey,
          status: 'submitted',
          createdAt: stamp,
          updatedAt: stamp,
          history: [{ status: 'submitted', at: stamp, by: 'bot' }],
        });
        const inserted = await client.query(
          `INSERT INTO quote_requests (id, channel, user_id, conversation_id, idempotency_key, kind, status, created_at, request)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (conversation_id, idempotency_key) WHERE conversation_id IS NOT NULL DO NOTHING`,
          [request.id, request.channel, request.userId ?? null, request.conversationId ?? null, idempotencyKey, request.kind, request.status, stamp, jsonb(withoutHistory(request))],
        );
        if (!inserted.rowCount) throw new AlreadyFiled();
        await this.#addHistory(client, request.id, 0, request.history[0]!);
        for (const hook of this.#hooks.filed) await hook(client, request);
        return request;
      });
    } catch (err) {
      if (!(err instanceof AlreadyFiled)) throw err;
      return (await this.#byKey(parsed.data.conversationId, idempotencyKey))!;
    }
  }

  async get(id: string): Promise<QuoteRequest | undefined> {
    return this.#one(this.#db, `${SELECT_REQUEST} WHERE q.id = $1`, [id]);
  }

  async findForRequester(id: string, requester: Parameters<QuoteRepository['findForRequester']>[1]): Promise<QuoteRequest | undefined> {
    const request = await this.get(id);
    return request && isRequester(request, requester) ? request : undefined;
  }

  async listForRequester(requester: Parameters<QuoteRepository['listForRequester']>[0], limit: number): Promise<QuoteRequest[]> {
    if (requester.userId === undefined && requester.conversationId === undefined) return [];
    const { rows } = await this.#db.query<Row>(
      `${SELECT_REQUEST} WHERE q.channel = $1 AND (q.user_id = $2 OR q.conversation_id = $3) ORDER BY q.created_at DESC, q.id DESC LIMIT $4`,
      [requester.channel, requester.userId ?? null, requester.conversationId ?? null, limit],
    );
    return rows.map(toRequest);
  }

  async list(query: Parameters<QuoteRepository['list']>[0] = {}): Promise<{ items: QuoteRequest[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.status) add('q.status = ANY(?)', [...query.status]);
    if (query.kind) add('q.kind = ANY(?)', [...query.kind]);
    if (query.from) add('q.created_at >= ?', query.from);
    if (query.to) add('q.created_at < ?', query.to);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = (query.order ?? 'desc') === 'desc' ? 'DESC' : 'ASC';
    const [{ rows }, count] = await Promise.all([
      this.#db.query<Row>(`${SELECT_REQUEST} ${filter} ORDER BY q.seq ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, query.limit ?? 50, query.offset ?? 0]),
      this.#db.query<{ n: string }>(`SELECT count(*) AS n FROM quote_requests q ${filter}`, params),
    ]);
    return { items: rows.map(toRequest), total: Number(count.rows[0]!.n) };
  }

  updateStatus(id: string, status: QuoteRequest['status'], note?: string, by?: string): Promise<StatusUpdateResult> {
    return this.#db.tx(async (client): Promise<StatusUpdateResult> => {
      const current = await this.#one(client, `${SELECT_REQUEST} WHERE q.id = $1 FOR UPDATE OF q`, [id]);
      if (!current) return { ok: false, error: { code: 'not_found', id } };
      const allowed = TRANSITIONS[current.status];
      if (!allowed.includes(status)) return { ok: false, error: { code: 'invalid_transition', id, from: current.status, to: status, allowed } };
      const at = this.#now().toISOString();
      const entry: HistoryEntry = { status, at, ...(note?.trim() ? { note: note.trim() } : {}), ...(by ? { by } : {}) };
      const request: QuoteRequest = { ...current, status, updatedAt: at, history: [...current.history, entry] };
      await this.#addHistory(client, id, current.history.length, entry);
      await client.query('UPDATE quote_requests SET status = $2, request = $3 WHERE id = $1', [id, status, jsonb(withoutHistory(request))]);
      for (const hook of this.#hooks.statusChanged) await hook(client, request);
      return { ok: true, request };
    });
  }

  unlinkRequester({ channel, userId }: { channel: string; userId: string }): Promise<string[]> {
    return this.#db.tx(async (client) => {
      const { rows } = await client.query<Row>(`${SELECT_REQUEST} WHERE q.channel = $1 AND q.user_id = $2 ORDER BY q.seq FOR UPDATE OF q`, [channel, userId]);
      const unlinkedAt = this.#now().toISOString();
      for (const current of rows.map(toRequest)) {
        const { userId: _user, conversationId: _conversation, conversationRef: _ref, ...kept } = current;
        const request: QuoteRequest = { ...kept, unlinkedAt };
        await client.query('UPDATE quote_requests SET user_id = NULL, conversation_id = NULL, request = $2 WHERE id = $1', [request.id, jsonb(withoutHistory(request))]);
        for (const hook of this.#hooks.unlinked) await hook(client, request);
      }
      return rows.map((r) => r.request.id);
    });
  }

  /** Inserts a request as it was filed elsewhere (`npm run db:import`); false when its reference is already here. */
  importRequest(request: QuoteRequest): Promise<boolean> {
    return this.#db.tx(async (client) => {
      const inserted = await client.query(
        `INSERT INTO quote_requests (id, channel, user_id, conversation_id, idempotency_key, kind, status, created_at, request)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [request.id, request.channel, request.userId ?? null, request.conversationId ?? null, request.idempotencyKey, request.kind, request.status, request.createdAt, jsonb(withoutHistory(request))],
      );
      if (!inserted.rowCount) return false;
      for (const [i, entry] of request.history.entries()) await this.#addHistory(client, request.id, i, entry);
      // The day's counter never goes back below an imported number, so a new filing cannot take it.
      const [, day, n] = /^QR-(\d{8})-(\d+)$/.exec(request.id)!;
      await client.query(
        'INSERT INTO quote_day_counters (day, last) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET last = greatest(quote_day_counters.last, EXCLUDED.last)',
        [day, Number(n)],
      );
      return true;
    });
  }

  async #byKey(conversationId: string, idempotencyKey: string): Promise<QuoteRequest | undefined> {
    return this.#one(this.#db, `${SELECT_REQUEST} WHERE q.conversation_id = $1 AND q.idempotency_key = $2`, [conversationId, idempotencyKey]);
  }

  async #one(client: Queryable, sql: string, params: unknown[]): Promise<QuoteRequest | undefined> {
    const { rows } = await client.query<Row>(sql, params);
    return rows[0] ? toRequest(rows[0]) : undefined;
  }

  async #addHistory(client: Queryable, id: string, idx: number, entry: HistoryEntry): Promise<void> {
    await client.query('INSERT INTO quote_history (quote_id, idx, entry) VALUES ($1, $2, $3)', [id, idx, jsonb(entry)]);
  }
}

function withoutHistory(request: QuoteRequest): Omit<QuoteRequest, 'history'> {
  const { history: _history, ...rest } = request;
  return rest;
}

const toRequest = (row: Row): QuoteRequest => ({ ...row.request, history: row.history });
