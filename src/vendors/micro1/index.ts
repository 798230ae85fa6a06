/**
 * micro1 (AI Recruiter public API): its entry in the vendor list (`../vendors.ts`). The simulator
 * is loaded lazily so production never loads sandbox code unless sandbox mode is on.
 */
import type { SimulatorModule, VendorModule } from '../vendor-adapter';
import { createMicro1Adapter } from './micro1.adapter';
import { micro1Descriptor } from './micro1.descriptor';
import { Micro1InviteOptionsInput, Micro1TemplateOptionsInput } from './micro1.inputs';

export { createMicro1Adapter, type Micro1Adapter } from './micro1.adapter';
export { micro1Descriptor } from './micro1.descriptor';

export const micro1: VendorModule = {
  descriptor: micro1Descriptor,
  mutationOptions: { inviteCandidate: Micro1InviteOptionsInput, createInterviewTemplate: Micro1TemplateOptionsInput },
  createAdapter: createMicro1Adapter,
  // A lazy `require`, not `import()`: this package compiles to CommonJS under `module: node16`,
  // where `import()` stays a native ESM import (needs a `.js` specifier, and jest cannot run it
  // without --experimental-vm-modules). The type query keeps the module's real type.
  loadSimulator: async (): Promise<SimulatorModule> => require('./sandbox/micro1.simulator') as typeof import('./sandbox/micro1.simulator'),
};
