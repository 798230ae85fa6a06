/**
 * The Redis guard under concurrency: many operations in flight at once all run, and no signal
 * shared by them collects more abort listeners than Node's warning cap (cockatiel's timeout
 * listens on the parent signal while each operation runs; its own default parent is one
 * module-wide signal with the default cap of 10, which printed a MaxListenersExceededWarning).
 */
import { getEventListeners, getMaxListeners } from 'node:events';
import { neverAbortedSignal } from 'cockatiel/dist/common/abort';
import { redisGuard } from '../../../src/infra/redis-guard';

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
