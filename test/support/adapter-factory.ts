import pino from 'pino';
import type { VendorAdapter, VendorAdapterDeps } from '../../src/vendors/vendor-adapter';

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
    make(overrides: { apiKey?: string; timeoutMs?: number; options?: Record<string, string> } = {}): A {
      const adapter = create({
        apiKey: overrides.apiKey ?? target().apiKey,
        options: overrides.options,
        baseUrl: target().url,
        timeoutMs: overrides.timeoutMs ?? 5000,
        connectTimeoutMs: 1000,
        logger: pino({ level: 'silent' }),
      });
      built.push(adapter);
      return adapter;
    },
    closeAll: () => Promise.all(built.map((a) => a.close())),
  };
}
