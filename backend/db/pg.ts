import { createRequire } from 'node:module';
import type Pg from 'pg';

const require = createRequire(import.meta.url);
let loaded: typeof Pg | undefined;

/**
 * The PostgreSQL driver, loaded on first use: a bot on its embedded stores never opens a
 * connection, and loading pg at start-up cost ~15 MB of RSS and 0.1–0.6 s before listening.
 */
export const pg = (): typeof Pg => (loaded ??= require('pg') as typeof Pg);
export type { Pg };
