/**
 * The test proxy in front of the real Redis (test/support/slow-redis-proxy.ts): the URL a test
 * gets keeps REDIS_URL's credentials and database, so what goes through the proxy lands where the
 * test's own cleanup (made on REDIS_URL) looks for it.
 */
import { createClient } from '@keyv/redis';
import { startSlowProxy } from '../support/slow-redis-proxy';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

it('keeps the user, password and database of the URL it fronts', async () => {
  const proxy = await startSlowProxy(new URL('redis://someone:s3cret@127.0.0.1:6379/7'));
  try {
    const url = new URL(proxy.url);
    expect({ protocol: url.protocol, username: url.username, password: url.password, pathname: url.pathname, hostname: url.hostname }).toEqual({
      protocol: 'redis:',
      username: 'someone',
      password: 's3cret',
      pathname: '/7',
      hostname: '127.0.0.1',
    });
    expect(Number(url.port)).toBeGreaterThan(0);
  } finally {
    await proxy.close();
  }
});

it("writes through the proxy land in REDIS_URL's database, not in db 0", async () => {
  // Another database than REDIS_URL's own (0 when it names none), so db 0 and it differ.
  const target = new URL(REDIS_URL);
  const db = (Number(target.pathname.slice(1) || 0) + 1) % 16;
  target.pathname = `/${db}`;
  const proxy = await startSlowProxy(target);
  const viaProxy = createClient({ url: proxy.url });
  const direct = createClient({ url: target.href });
  const key = `test:proxy:${process.pid}:${Date.now()}`;
  try {
    await Promise.all([viaProxy.connect(), direct.connect()]);
    await viaProxy.set(key, 'through the proxy', { EX: 60 });
    expect(await direct.get(key)).toBe('through the proxy');
    await direct.select(0);
    expect(await direct.get(key)).toBeNull();
  } finally {
    await direct.select(db);
    await direct.del(key);
    await Promise.all([viaProxy.quit(), direct.quit()]);
    await proxy.close();
  }
});
