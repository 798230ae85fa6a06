import { DEFAULT_KNOBS } from '../../src/vendors/kit/sandbox/sim-server';
import type { Simulator } from '../../src/vendors/kit/sandbox/simulator';
import type { VendorAdapter, VendorAdapterDeps } from '../../src/vendors/vendor-adapter';
import { adapterFactory } from './adapter-factory';
import { HttpReceiver } from './http-receiver';

/** What a vendor's contract suite runs against; `ready` hands it over once started. */
export interface VendorContract<S extends Simulator, A extends VendorAdapter> {
  sim: S;
  /** An adapter with the suite's defaults, built once (or per test with `freshAdapterPerTest`). */
  adapter: A;
  /** The local receiver of the simulator's webhooks (suites with `webhooks` only). */
  receiver: HttpReceiver;
}

export interface VendorContractOptions<S extends Simulator, A extends VendorAdapter> {
  /** Starts the vendor's simulator (port 0). */
  simulator: () => Promise<S>;
  /** The vendor's adapter factory; `sim` for adapters that take options from it. */
  createAdapter: (deps: VendorAdapterDeps, sim: S) => A;
  /** Told of the simulator, adapter and receiver before the first test (and of each fresh adapter). */
  ready: (contract: VendorContract<S, A>) => void;
  /** Webhook-delivery suites: the receiver's path and first answer; the simulator delivers there. */
  webhooks?: { path: string; status?: number };
  /** Vendor-specific resets before each test, beside the knobs and call counts. */
  reset?: (sim: S) => void;
  /** A new default adapter before each test (one whose own caches must not carry calls over). */
  freshAdapterPerTest?: boolean;
}

/**
 * The set-up every per-vendor contract and webhook-delivery suite shares: one simulator for the
 * file, adapters built against it with contract defaults (see `adapterFactory`) and closed after,
 * the simulator's knobs, failure switches and call counts (or the webhook receiver) reset before
 * each test. Call it at the top of the file; it registers the hooks. Returns `newAdapter` for
 * adapters with other keys, timeouts or options.
 */
export function describeVendorContract<S extends Simulator, A extends VendorAdapter & { close(): Promise<void> }>(
  options: VendorContractOptions<S, A>,
): { newAdapter: ReturnType<typeof adapterFactory<A>>['make'] } {
  let sim: S;
  let receiver: HttpReceiver | undefined;
  const adapters = adapterFactory<A>(
    (deps) => options.createAdapter(deps, sim),
    () => sim,
  );
  const tell = () => options.ready({ sim, adapter: adapters.make(), receiver: receiver as HttpReceiver });

  beforeAll(async () => {
    sim = await options.simulator();
    if (options.webhooks) {
      receiver = new HttpReceiver();
      await receiver.start(options.webhooks.path);
    }
    tell();
  });

  afterAll(async () => {
    await adapters.closeAll();
    await sim.close();
    await receiver?.close();
  });

  beforeEach(() => {
    if (options.freshAdapterPerTest) tell();
    if (receiver) {
      sim.deliverWebhooks?.(receiver.url);
      receiver.received.length = 0;
      const status = options.webhooks?.status ?? 202;
      receiver.answer = () => status;
    } else {
      sim.configure({ ...DEFAULT_KNOBS });
      sim.resetCalls();
    }
    options.reset?.(sim);
  });

  // Every delivery must be JSON (a gateway webhook route takes nothing else): checked here too, for
  // the tests that look only at counts or statuses.
  afterEach(() => {
    receiver?.bodies();
  });

  return { newAdapter: adapters.make };
}
