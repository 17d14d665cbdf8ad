import { z } from 'zod';
import { LANGS } from '../knowledge/lang.js';
import { parseAdvocates, parseBusinessHours } from '../backend/handoff/index.js';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

/** A string setting that `parse` must accept; its error message becomes the config problem. */
const parsedBy = (parse: (text: string) => unknown) => (value: string, ctx: z.RefinementCtx<string>) => {
  try {
    parse(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
};

/**
 * Every setting the bot reads, validated once at start-up. Defaults give a
 * local bot with no cloud account: no app id → no channel authentication.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /**
   * Interface to listen on. Without an app id nobody is authenticated, so the default is
   * 127.0.0.1 (this machine only); with one, 0.0.0.0 (Azure Bot Service must reach it).
   */
  HOST: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * PostgreSQL shared by every instance of the bot (`postgresql://user:password@host:5432/db`).
   * Unset (default): the embedded stores under DATA_DIR, for one process.
   */
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected postgresql://user:password@host:port/database').optional()),
  /** Schema of the bot's tables (created by the migrations). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier').default('public'),
  /** Connections each instance opens for queries (turn locks have a pool of their own). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  DEFAULT_LOCALE: z.enum(LANGS).default('en'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Body size limit of /api/messages, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(256 * 1024),
  /**
   * The longest message text a turn reads, in characters. A longer one gets a localized "too long,
   * please shorten it" and nothing else runs on it, so no text can cost more than this much work.
   */
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100_000).default(4000),
  /**
   * Without an app id nobody is authenticated, so replies may only go to these
   * serviceUrl hosts (the local Direct Line, the Emulator, the Playground).
   */
  LOCAL_SERVICE_HOSTS: csv.default(['127.0.0.1', 'localhost', '::1', '[::1]']),
  /**
   * Turns a minute per conversation (at once, then one every 60/N s); over it the first message
   * gets a localized "please slow down" and the next ones 429. 0 = off.
   */
  RATE_LIMIT_PER_CONVERSATION: z.coerce.number().int().min(0).max(100_000).default(60),
  /**
   * Requests a minute per client address on every POST (/api/messages, /directline, the console,
   * the staff API); over it 429 with Retry-After. 0 = off. Loopback clients are exempt unless
   * RATE_LIMIT_LOOPBACK is true: locally every client (the Emulator, the Playground, the browser
   * through the local Direct Line, test drivers) is 127.0.0.1, and one machine talks to itself.
   */
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).default(600),
  RATE_LIMIT_LOOPBACK: z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  /** Human handoff: `console` = our advocates at /advocate; `protocol` = a contact-center hub (handoff.initiate). */
  HANDOFF_MODE: z.enum(['console', 'protocol']).default('console'),
  /**
   * Advocates who may sign in to the console, `name:key,name:key` (keys of 16+ characters).
   * Default: none, so nobody can sign in (a start-up warning says so) and handoff requests go
   * straight to an email follow-up. There is no built-in dev key, even in local mode: the bot
   * may be exposed on purpose (HOST=0.0.0.0), and a known key would open every ticket to the network.
   */
  ADVOCATES: z.string().default('').superRefine(parsedBy(parseAdvocates)),
  /** When advocates answer live, e.g. `Mon-Fri 09:00-18:00 Europe/Paris`; `always` (default) never closes. */
  HANDOFF_HOURS: z.string().default('always').superRefine(parsedBy(parseBusinessHours)),
  /** Minutes a user waits for an advocate before an email follow-up is offered (fractions allowed). */
  HANDOFF_TIMEOUT_MIN: z.coerce.number().positive().max(24 * 60).default(5),
  /** Messages a handoff ticket keeps in full; older ones are folded into a summary (count, times, how each began). */
  HANDOFF_TRANSCRIPT_MAX_MESSAGES: z.coerce.number().int().min(10).max(10_000).default(200),
  /** Conversation and user state untouched for this many days is deleted by the hourly retention sweep. */
  STATE_TTL_DAYS: z.coerce.number().positive().max(3650).default(30),
  /**
   * Days kept of the FAQ log (unanswered questions, votes) and of handoff tickets no person is
   * in charge of any more (closed, abandoned, followed up), with their messages.
   */
  RETENTION_DAYS: z.coerce.number().positive().max(3650).default(90),
  /**
   * How often each instance checks whether authors changed the knowledge-base overlay (review
   * queue of /insights) and rebuilds its index if so. The instance that stored the change
   * rebuilds at once; this is for the others.
   */
  KB_OVERLAY_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  STAFF_API_KEY: optionalString,
  QUOTE_WEBHOOK_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  QUOTE_WEBHOOK_SECRET: optionalString,
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * Web chat page. Local mode: a local Direct Line listens on 127.0.0.1 at this
   * port (0 = any free port; the browser reaches it through /directline on the
   * bot's own origin, so the port only matters to tools that call it directly).
   */
  DIRECT_LINE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /**
   * A local Direct Line conversation nobody has polled or written to for this many minutes is
   * dropped (its history too); an open page polls every 200 ms. Fractions allowed.
   */
  DIRECT_LINE_IDLE_MIN: z.coerce.number().positive().max(24 * 60).default(30),
  /** Set in production: the page then uses the real Direct Line service via POST /api/directline/token. */
  DIRECT_LINE_SECRET: optionalString,
  /** The Direct Line service base URL (regional endpoints differ). */
  DIRECT_LINE_ENDPOINT: z.url().default('https://directline.botframework.com/v3/directline'),
});

export type Config = Omit<z.infer<typeof configSchema>, 'HOST'> & { HOST: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Pure: the same environment always gives the same config or the same problems. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const config: Config = { ...parsed.data, HOST: parsed.data.HOST ?? (parsed.data.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1') };
  const problems: string[] = [];
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required for a SingleTenant app');
  }
  if (config.QUOTE_WEBHOOK_URL && !config.QUOTE_WEBHOOK_SECRET) {
    problems.push('QUOTE_WEBHOOK_SECRET: required when QUOTE_WEBHOOK_URL is set');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const isLocalMode = (config: Config): boolean => !config.MicrosoftAppId;
