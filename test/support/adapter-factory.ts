import pino from 'pino';
import { DEFAULT_RESILIENCE, type ResilienceSettings } from '../../src/vendors/kit/http/vendor-resilience';
import type { DriftSink } from '../../src/vendors/kit/schema-drift';
import type { VendorAdapter, VendorAdapterDeps } from '../../src/vendors/vendor-adapter';

/**
 * Contract tests check each adapter's own mapping of every vendor answer, one exact call each, so
 * by default nothing is retried and the breaker never opens however many failures they provoke;
 * the policies are tested on their own (test/unit/vendors/kit/http/vendor-resilience.test.ts) and
 * through the whole app (test/integration/resilience.test.ts).
 */
export const ADAPTER_ONLY: ResilienceSettings = {
  ...DEFAULT_RESILIENCE,
  maxRetries: 0,
  breaker: { consecutiveFailures: Number.MAX_SAFE_INTEGER, failureRate: 0.999, minimumCalls: 1_000, halfOpenAfterMs: 1 },
};

/**
 * Builds adapters against a simulator for contract tests (default key and generous timeouts,
 * overridable per case) and closes every one it built.
 */
export function adapterFactory<A extends VendorAdapter & { close(): Promise<void> }>(
  create: (deps: VendorAdapterDeps) => A,
  target: () => { url: string; apiKey: string },
) {
  const built: A[] = [];
  return {
    make(overrides: { apiKey?: string; timeoutMs?: number; options?: Record<string, string>; resilience?: ResilienceSettings; drift?: DriftSink } = {}): A {
      const adapter = create({
        apiKey: overrides.apiKey ?? target().apiKey,
        options: overrides.options,
        baseUrl: target().url,
        timeoutMs: overrides.timeoutMs ?? 5000,
        connectTimeoutMs: 1000,
        resilience: overrides.resilience ?? ADAPTER_ONLY,
        logger: pino({ level: 'silent' }),
        drift: overrides.drift,
      });
      built.push(adapter);
      return adapter;
    },
    closeAll: () => Promise.all(built.map((a) => a.close())),
  };
}
