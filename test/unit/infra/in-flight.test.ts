import { InFlight } from '../../../src/infra/in-flight';

const deferred = () => {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('InFlight', () => {
  it('follows work until it settles, fulfilled or rejected, and hands back the same promise', async () => {
    const work = new InFlight();
    const a = deferred();
    const b = deferred();
    expect(work.track(a.promise)).toBe(a.promise);
    work.track(b.promise).catch(() => undefined);
    expect(work.size).toBe(2);
    a.resolve();
    b.reject(new Error('failed'));
    await work.settled();
    expect(work.size).toBe(0);
  });

  it('settled() also waits for work started while it waits', async () => {
    const work = new InFlight();
    const first = deferred();
    const second = deferred();
    work.track(first.promise.then(() => void work.track(second.promise)));
    let done = false;
    const settled = work.settled().then(() => {
      done = true;
    });
    first.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    second.resolve();
    await settled;
    expect(work.size).toBe(0);
  });
});
