import type { Provider } from '../domain/provider';
import type { VendorConfig } from '../config/config';
import type { VendorModule } from '../vendors/vendor-adapter';
import { spreadExtraInterviews } from '../vendors/kit/sandbox/data/large-seed';
import type { Simulator, SimulatorKnobs } from '../vendors/kit/sandbox/simulator';

export interface Sandbox {
  simulators: Map<Provider, Simulator>;
  /** Vendor config pointing the gateway at the simulators. */
  vendorConfig: Partial<Record<Provider, VendorConfig>>;
  close(): Promise<void>;
}

/** The key every simulator accepts in sandbox mode (not a secret: the simulators are local fakes). */
export const SANDBOX_API_KEY = 'sandbox-key';

/**
 * Starts a simulator of every vendor on loopback (free ports unless `basePort` is given, then
 * basePort, basePort+1, …) with the same seed and knobs. `interviews` (default 0) is a TOTAL of
 * extra interviews spread evenly over the vendors started (100,000 over 4 → 25,000 each; see
 * `SimulatorOptions.extraInterviews`). A vendor without a simulator (`loadSimulator` absent) is
 * left out: sandbox mode does not serve it.
 */
export async function startSandbox(
  vendors: readonly VendorModule[],
  options: { seed?: number; knobs?: Partial<SimulatorKnobs>; basePort?: number; interviews?: number } = {},
): Promise<Sandbox> {
  const simulators = new Map<Provider, Simulator>();
  const vendorConfig: Partial<Record<Provider, VendorConfig>> = {};
  const simulated = vendors.flatMap((vendor) => (vendor.loadSimulator ? [{ vendor, load: vendor.loadSimulator }] : []));
  const extra = spreadExtraInterviews(options.interviews ?? 0, simulated.length);
  try {
    for (const [i, { vendor, load }] of simulated.entries()) {
      const module = await load();
      const simulator = await module.createSimulator({
        apiKey: SANDBOX_API_KEY,
        seed: options.seed,
        ...(extra[i] > 0 ? { extraInterviews: extra[i] } : {}),
        knobs: options.knobs,
        port: options.basePort ? options.basePort + i : 0,
      });
      simulators.set(vendor.descriptor.provider, simulator);
      vendorConfig[vendor.descriptor.provider] = { apiKey: SANDBOX_API_KEY, baseUrl: simulator.url, options: module.sandboxOptions?.(simulator) ?? {} };
    }
  } catch (error) {
    await Promise.all([...simulators.values()].map((s) => s.close()));
    throw error;
  }
  return {
    simulators,
    vendorConfig,
    close: async () => {
      await Promise.all([...simulators.values()].map((s) => s.close()));
    },
  };
}
