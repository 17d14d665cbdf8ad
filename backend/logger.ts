/**
 * The few logger methods the backend calls, shaped like pino's `(obj, msg)` so the bot passes its
 * pino logger unchanged; the backend never imports the bot's logger.
 * Callers log references and counts only, never emails or SENs.
 */
export interface BackendLogger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

const ignore = (): void => {};

/** For tests and tools that have nothing to say. */
export const silentLogger: BackendLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
