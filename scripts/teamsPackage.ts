import { existsSync, readFileSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { fromRoot } from '../bot/paths.js';
import { buildTeamsPackage } from './teamsPackage/build.js';

// The same .env as the bot, so the package carries the bot's MicrosoftAppId.
if (existsSync(fromRoot('.env'))) loadDotenv({ path: fromRoot('.env'), quiet: true });

const { version } = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
try {
  const result = buildTeamsPackage({ appId: process.env.MicrosoftAppId, version });
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`${result.zipPath}\n  ${result.files.join('\n  ')}\n`);
} catch (err) {
  process.stderr.write(`teams:package failed: ${(err as Error).message}\n`);
  process.exit(1);
}
