/**
 * HeyMilo (Public API v2): its entry in the vendor list (`../vendors.ts`). Production never loads
 * the simulator unless sandbox mode asks for it.
 */
import type { SimulatorModule, VendorModule } from '../vendor-adapter';
import { createHeymiloAdapter } from './heymilo.adapter';
import { heymiloDescriptor } from './heymilo.descriptor';
import { HeyMiloInviteOptionsInput, HeyMiloTemplateOptionsInput } from './heymilo.inputs';

export { createHeymiloAdapter, type HeymiloAdapter } from './heymilo.adapter';
export { heymiloDescriptor } from './heymilo.descriptor';

type HeymiloSimulatorModule = typeof import('./sandbox/heymilo.simulator');

export const heymilo: VendorModule = {
  descriptor: heymiloDescriptor,
  mutationOptions: { inviteCandidate: HeyMiloInviteOptionsInput, createInterviewTemplate: HeyMiloTemplateOptionsInput },
  createAdapter: createHeymiloAdapter,
  // A lazy `require`, not `import()`: this package compiles to CommonJS under `module: node16`,
  // where TypeScript keeps `import()` as a native ESM import, which needs a file extension under
  // tsc and `--experimental-vm-modules` under jest. `require` at call time is just as lazy.
  loadSimulator: async (): Promise<SimulatorModule> => require('./sandbox/heymilo.simulator') as HeymiloSimulatorModule,
};
