import { pino, type Logger } from 'pino';
import { maskPersonalData } from '../knowledge/language/personalData.js';

export type { Logger };

/** Emails and SENs identify customers: keep them out of logs at info and above. */
export function redact(text: string): string {
  return maskPersonalData(text, { email: '[email]', sen: '[sen]' });
}

/**
 * JSON-lines logger. Message text is only logged through `logText`, at debug
 * level, so production logs never carry what users typed.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method, levelValue) {
          // Below info (debug/trace) text is kept verbatim for developers.
          if (levelValue >= 30) {
            args = args.map((a) => (typeof a === 'string' ? redact(a) : a)) as typeof args;
          }
          method.apply(this, args);
        },
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
