/**
 * Cleaning up what a test left on the shared Redis. Tests run in parallel against one server, and
 * at any moment another suite may hold hundreds of thousands of keys (the webhook flood, the soak):
 * a SCAN at Redis's default COUNT of 10 then takes one round trip per ten keys of the *whole*
 * keyspace, per pattern — a cleanup of thirty tenants took over 30 s on the 2-core CI machine. So:
 * 1,000 keys a step, and suites that make many tenants give them a common prefix and pass one pattern.
 */
import { createClient } from '@keyv/redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const STEP = 1_000;

/** Deletes every key matching any of `patterns` (Redis glob syntax); returns how many went. */
export async function deleteRedisKeys(...patterns: string[]): Promise<number> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  let deleted = 0;
  try {
    for (const pattern of new Set(patterns)) {
      for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: STEP })) if (keys.length) deleted += await redis.unlink(keys);
    }
  } finally {
    await redis.quit();
  }
  return deleted;
}

/** How many keys match `pattern`. */
export async function countRedisKeys(pattern: string): Promise<number> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  let n = 0;
  try {
    for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: STEP })) n += keys.length;
  } finally {
    await redis.quit();
  }
  return n;
}
