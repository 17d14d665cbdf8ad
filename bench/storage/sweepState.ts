/**
 * Child of bench/storageProbes.ts: the state part of the retention sweep over DATA_DIR/state,
 * run as if STATE_TTL_DAYS + 1 days had passed (the bot's sweep calls the same `expire`).
 */
import { performance } from 'node:perf_hooks';
import { LowdbStorage } from '../../bot/storage/lowdbStorage.js';

const DAY = 86_400_000;
const ttlDays = 30;
const storage = new LowdbStorage(`${process.argv[2]!}/state`);
const later = Date.now() + (ttlDays + 1) * DAY;
const started = performance.now();
const removed = await storage.expire(new Date(later - ttlDays * DAY));
process.stdout.write(`${JSON.stringify({ supported: true, removed, ms: Math.round(performance.now() - started) })}\n`);
