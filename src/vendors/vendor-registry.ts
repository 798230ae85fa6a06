import type { Provider } from '../domain/provider';
import { VendorError } from '../errors/vendor.error';
import { ErrorCode } from '../errors/error-code';
import type { VendorAdapter, VendorDescriptor } from './vendor-adapter';

/** Which vendor answers, and how it is reached, as `providers` reports it. */
export type VendorMode = 'LIVE' | 'SANDBOX' | 'NOT_CONFIGURED';

/** The adapters of one gateway instance, by provider. */
export class VendorRegistry {
  private readonly adapters = new Map<Provider, VendorAdapter>();

  constructor(
    readonly descriptors: readonly VendorDescriptor[],
    adapters: readonly VendorAdapter[],
    readonly sandbox: boolean,
  ) {
    for (const adapter of adapters) this.adapters.set(adapter.descriptor.provider, adapter);
  }

  /** The adapter for `provider`; throws VENDOR_NOT_CONFIGURED when it has no credentials here. */
  get(provider: Provider): VendorAdapter {
    const adapter = this.adapters.get(provider);
    if (!adapter) throw new VendorError(ErrorCode.VENDOR_NOT_CONFIGURED, provider);
    return adapter;
  }

  tryGet(provider: Provider): VendorAdapter | undefined {
    return this.adapters.get(provider);
  }

  configured(): VendorAdapter[] {
    return [...this.adapters.values()];
  }

  mode(provider: Provider): VendorMode {
    if (!this.adapters.has(provider)) return 'NOT_CONFIGURED';
    return this.sandbox ? 'SANDBOX' : 'LIVE';
  }
}
