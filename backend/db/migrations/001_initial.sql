-- The stores of reseller-assistant on PostgreSQL, shared by every bot instance.
-- Applied by backend/db/migrate.ts (at start-up and by `npm run db:migrate`); never edit an
-- applied file: add the next version instead.

-- Bot state (botbuilder Storage): one row per storage key. `version` is the eTag: a write naming
-- an older version is refused. `touched_at` drives the STATE_TTL_DAYS sweep, `data_subjects`
-- (the owners' pseudonyms) "delete my data".
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  item jsonb NOT NULL,
  version bigint NOT NULL,
  touched_at timestamptz NOT NULL,
  data_subjects text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX bot_state_touched_at ON bot_state (touched_at);
CREATE INDEX bot_state_data_subjects ON bot_state USING gin (data_subjects);

-- Quote requests. `request` is the whole record but its history, which has rows of its own.
-- References are unique by the primary key; the day counter row is incremented in the filing
-- transaction, so two instances never hand out the same number.
CREATE TABLE quote_day_counters (
  day text PRIMARY KEY,
  last integer NOT NULL
);
CREATE TABLE quote_requests (
  id text PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  channel text NOT NULL,
  user_id text,
  conversation_id text,
  idempotency_key text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  request jsonb NOT NULL
);
CREATE UNIQUE INDEX quote_requests_idempotency ON quote_requests (conversation_id, idempotency_key) WHERE conversation_id IS NOT NULL;
CREATE INDEX quote_requests_user ON quote_requests (channel, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX quote_requests_conversation ON quote_requests (channel, conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX quote_requests_created ON quote_requests (created_at, seq);
CREATE INDEX quote_requests_status ON quote_requests (status, seq);
CREATE TABLE quote_history (
  quote_id text NOT NULL REFERENCES quote_requests (id) ON DELETE CASCADE,
  idx integer NOT NULL,
  entry jsonb NOT NULL,
  PRIMARY KEY (quote_id, idx)
);

-- Outboxes (webhook deliveries, status notifications): inserted in the transaction of the change
-- they announce, claimed by any instance with FOR UPDATE SKIP LOCKED, deleted once delivered.
-- Entries of one subject go out in `seq` order.
CREATE TABLE outbox (
  queue text NOT NULL,
  id text NOT NULL,
  seq bigserial NOT NULL,
  subject text NOT NULL,
  payload jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  PRIMARY KEY (queue, id)
);
CREATE INDEX outbox_due ON outbox (queue, next_attempt_at, seq);
CREATE INDEX outbox_subject ON outbox (queue, subject, seq);

-- Handoff tickets and their messages (a row per message; the oldest folded into a summary past
-- HANDOFF_TRANSCRIPT_MAX_MESSAGES).
CREATE TABLE handoff_tickets (
  id text PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  channel text NOT NULL,
  conversation_id text NOT NULL,
  user_id text,
  status text NOT NULL,
  updated_at timestamptz NOT NULL,
  ticket jsonb NOT NULL
);
CREATE INDEX handoff_tickets_in_charge ON handoff_tickets (channel, conversation_id) WHERE status IN ('waiting', 'active');
CREATE INDEX handoff_tickets_status ON handoff_tickets (status, seq);
CREATE INDEX handoff_tickets_user ON handoff_tickets (channel, user_id);
CREATE TABLE handoff_messages (
  seq bigserial PRIMARY KEY,
  ticket_id text NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX handoff_messages_ticket ON handoff_messages (ticket_id, seq);
CREATE TABLE handoff_summaries (
  ticket_id text PRIMARY KEY,
  summary jsonb NOT NULL
);

-- Append-only logs read rarely (the FAQ's unanswered questions and votes).
CREATE TABLE record_logs (
  id bigserial PRIMARY KEY,
  log text NOT NULL,
  at timestamptz NOT NULL,
  subject text,
  record jsonb NOT NULL
);
CREATE INDEX record_logs_at ON record_logs (log, at);
CREATE INDEX record_logs_subject ON record_logs (log, subject) WHERE subject IS NOT NULL;

-- eTags of bot state are drawn from one sequence, so a key deleted and written again never gets
-- back a version an old reader still holds.
CREATE SEQUENCE bot_state_versions;
