/**
 * The Redis guard: many operations in flight at once all run, and no signal shared by them
 * collects more abort listeners than Node's warning cap (cockatiel's timeout once listened on one
 * module-wide signal capped at 10, which printed a MaxListenersExceededWarning); its timeout
 * counts only time the process was free to hear Redis (a starved CPU in CI opened the breaker on
 * a healthy Redis), and a Redis that does not answer still fails in bounded time.
 */
import { getEventListeners, getMaxListeners, once } from 'node:events';
import { type AddressInfo, connect, createServer } from 'node:net';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { neverAbortedSignal } from 'cockatiel/dist/common/abort';
import { type GuardOptions, type RedisGuard, redisGuard } from '../../../src/infra/redis-guard';

it('runs 50 concurrent operations without crowding a capped signal', async () => {
  const guard = redisGuard();
  let peak = 0;
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      guard.execute(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        peak = Math.max(peak, getEventListeners(neverAbortedSignal, 'abort').length);
        return i;
      }),
    ),
  );
  expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
  expect(peak).toBeLessThanOrEqual(getMaxListeners(neverAbortedSignal));
});

/** Blocks the event loop for `ms` (a GC pause, a long synchronous task, a starved core). */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

/** A TCP server answering each line after `delayMs`: real I/O, like a Redis reply. */
async function echoServer(delayMs: number): Promise<{ ask(): Promise<string>; close(): Promise<void> }> {
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((socket) =>
    socket.on('data', (data) => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        socket.write(data);
      }, delayMs);
      pending.add(timer);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = connect(port, '127.0.0.1');
  await once(client, 'connect');
  return {
    ask: async () => {
      client.write('ping');
      const [data] = (await once(client, 'data')) as [Buffer];
      return data.toString();
    },
    close: async () => {
      for (const timer of pending) clearTimeout(timer); // a silent server's answers are never sent
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `check` on a guard with `options` in front of a server answering after `delayMs`, closed after. */
async function withGuard(delayMs: number, options: GuardOptions, check: (guard: RedisGuard, ask: () => Promise<string>) => Promise<void>): Promise<void> {
  const server = await echoServer(delayMs);
  try {
    await check(redisGuard(options), () => server.ask());
  } finally {
    await server.close();
  }
}

describe('a starved event loop is not a slow Redis', () => {
  it('a reply that arrived while the loop was stalled is heard, not timed out', async () => {
    await withGuard(5, { timeoutMs: 100, failures: 1, probeAfterMs: 60_000 }, async (guard, ask) => {
      const pending = guard.execute(ask);
      stall(300); // the reply lands in the socket after 5 ms; the timer is due at 100 ms
      await expect(pending).resolves.toBe('ping');
      expect(guard.available()).toBe(true); // one failure would have opened this breaker
    });
  });

  it('a Redis that does not answer still fails within its time, and the breaker opens', async () => {
    await withGuard(10_000, { timeoutMs: 100, failures: 2, probeAfterMs: 60_000 }, async (guard, ask) => {
      for (let i = 0; i < 2; i += 1) {
        const started = performance.now();
        await expect(guard.execute(ask)).rejects.toBeInstanceOf(TaskCancelledError);
        expect(performance.now() - started).toBeGreaterThanOrEqual(95);
      }
      expect(guard.available()).toBe(false);
      await expect(guard.execute(ask)).rejects.toBeInstanceOf(BrokenCircuitError);
    });
  });

  it('a stall is given back only up to four times the timeout: a silent Redis fails within it', async () => {
    await withGuard(10_000, { timeoutMs: 100, failures: 5, probeAfterMs: 60_000 }, async (guard, ask) => {
      const started = performance.now();
      const pending = guard.execute(ask);
      stall(250);
      await expect(pending).rejects.toBeInstanceOf(TaskCancelledError);
      const took = performance.now() - started;
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(4 * 100 + 300); // the cap, plus a busy host's timer slack
    });
  });
});
