-- The last messages of each conversation (in and out), shared by the instances so that a
-- handoff ticket opened on one starts with what the user said on the others. Trimmed to the
-- last 40 per conversation as they are written; rows older than a day are swept.
CREATE TABLE recent_messages (
  seq bigserial PRIMARY KEY,
  channel text NOT NULL,
  conversation_id text NOT NULL,
  -- The sender of an incoming message: "delete my data" forgets the conversations they wrote in.
  user_id text,
  at timestamptz NOT NULL DEFAULT now(),
  activity jsonb NOT NULL
);
CREATE INDEX recent_messages_conversation ON recent_messages (channel, conversation_id, seq);
CREATE INDEX recent_messages_user ON recent_messages (channel, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX recent_messages_at ON recent_messages (at);
