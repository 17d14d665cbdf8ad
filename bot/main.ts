// First: the Azure sign-in modules are loaded only if a token is ever needed (see deferAzureAuth.ts).
import './deferAzureAuth.js';
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './index.js';
import { fromRoot } from './paths.js';

// An optional .env next to package.json; real environment variables win.
if (existsSync(fromRoot('.env'))) loadDotenv({ path: fromRoot('.env'), quiet: true });

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}

const app = createApp(config);
// Last line of defence: a stray rejection is logged, not fatal; an uncaught exception leaves
// the process in an unknown state, so it is logged and the process exits for the supervisor.
process.on('unhandledRejection', (reason) => {
  app.logger.error({ err: { message: String((reason as Error)?.message ?? reason) } }, 'unhandled rejection');
});
process.on('uncaughtException', (err) => {
  app.logger.fatal({ err: { message: err.message, stack: err.stack } }, 'uncaught exception');
  process.exit(1);
});
await app.listen();

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: Error) => {
        app.logger.error({ err: { message: err.message } }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
