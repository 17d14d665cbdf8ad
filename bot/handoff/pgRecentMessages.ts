import type { Database } from '../../backend/db/database.js';
import { jsonb } from '../../backend/db/json.js';
import type { DataSubject } from '../../backend/privacy/index.js';
import type { ConversationKey, RecentMessages, RecordedActivity } from './transcript.js';

/**
 * The recent messages on PostgreSQL (`recent_messages`), so every instance opens a ticket with
 * the whole conversation. A turn's messages are one insert, which also trims the conversation
 * to its last `perConversation` rows; state-like durability (`Database.relaxed`). Rows older
 * than a day are removed by the retention sweep (`expire`).
 */
export class PgRecentMessages implements RecentMessages {
  constructor(
    private readonly db: Database,
    private readonly perConversation: number,
    private readonly ready: Promise<void> = Promise.resolve(),
  ) {}

  async add({ channelId, conversationId }: ConversationKey, activities: readonly RecordedActivity[]): Promise<void> {
    await this.ready;
    await this.db.relaxed.query(
      `WITH added AS (
         INSERT INTO recent_messages (channel, conversation_id, user_id, activity)
         SELECT $1, $2, CASE WHEN a->>'direction' = 'in' THEN a->'from'->>'id' END, a FROM unnest($3::jsonb[]) WITH ORDINALITY AS t(a, n)
         WHERE true ORDER BY n
       )
       DELETE FROM recent_messages WHERE channel = $1 AND conversation_id = $2 AND seq <= (
         SELECT seq FROM recent_messages WHERE channel = $1 AND conversation_id = $2 ORDER BY seq DESC OFFSET $4 LIMIT 1
       )`,
      [channelId, conversationId, activities.map((a) => jsonb(a)), Math.max(0, this.perConversation - activities.length)],
    );
  }

  async list({ channelId, conversationId }: ConversationKey): Promise<RecordedActivity[]> {
    await this.ready;
    const { rows } = await this.db.query<{ activity: RecordedActivity }>(
      'SELECT activity FROM recent_messages WHERE channel = $1 AND conversation_id = $2 ORDER BY seq DESC LIMIT $3',
      [channelId, conversationId, this.perConversation],
    );
    return rows.map((r) => r.activity).reverse();
  }

  async forgetUser({ channelId, userId }: DataSubject): Promise<number> {
    await this.ready;
    const { rowCount } = await this.db.query(
      `DELETE FROM recent_messages r USING (SELECT DISTINCT conversation_id FROM recent_messages WHERE channel = $1 AND user_id = $2) mine
       WHERE r.channel = $1 AND r.conversation_id = mine.conversation_id`,
      [channelId, userId],
    );
    return rowCount ?? 0;
  }

  async expire(cutoff: Date): Promise<number> {
    await this.ready;
    return (await this.db.query('DELETE FROM recent_messages WHERE at < $1', [cutoff])).rowCount ?? 0;
  }
}
