/** The fifth vendor's registry entry: everything about it lives in this folder. */
import type { VendorModule } from '../../../src/vendors/vendor-adapter';
import { type AcmeAdapter, createAcmeAdapter } from './acme.adapter';
import { acmeDescriptor } from './acme.descriptor';
import { AcmeInviteOptionsInput } from './acme.inputs';

/** Every adapter this module made, newest last. */
export const acmeAdapters: AcmeAdapter[] = [];

export const acme: VendorModule = {
  descriptor: acmeDescriptor,
  createAdapter: (deps) => {
    const adapter = createAcmeAdapter(deps);
    acmeAdapters.push(adapter);
    return adapter;
  },
  mutationOptions: { inviteCandidate: AcmeInviteOptionsInput },
};
