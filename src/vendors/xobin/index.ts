/**
 * Xobin (AI Interviews API): its entry in the vendor list (`../vendors.ts`). Production never
 * loads the simulator unless sandbox mode asks for it.
 */
import type { SimulatorModule, VendorModule } from '../vendor-adapter';
import { createXobinAdapter } from './xobin.adapter';
import { xobinDescriptor } from './xobin.descriptor';
import { XobinInviteOptionsInput } from './xobin.inputs';

export { createXobinAdapter, type XobinAdapter } from './xobin.adapter';
export { parseXobinAiInterviewIds } from './xobin.ids';
export { xobinDescriptor } from './xobin.descriptor';

export const xobin: VendorModule = {
  descriptor: xobinDescriptor,
  mutationOptions: { inviteCandidate: XobinInviteOptionsInput },
  createAdapter: createXobinAdapter,
  // A lazy `require`, not `import()`: this package compiles to CommonJS under `module: node16`,
  // where `import()` stays a native ESM import (needs a `.js` specifier, and jest cannot run it
  // without --experimental-vm-modules). The type query keeps the module's real type.
  loadSimulator: async (): Promise<SimulatorModule> => require('./sandbox/xobin.simulator') as typeof import('./sandbox/xobin.simulator'),
};
