/** The simulator is loaded lazily so production never loads sandbox code. */
import type { SimulatorModule, VendorModule } from '../vendor-adapter';
import { createEvalyoAdapter } from './evalyo.adapter';
import { evalyoDescriptor } from './evalyo.descriptor';
import { EvalyoInviteOptionsInput } from './evalyo.inputs';

export { createEvalyoAdapter, type EvalyoAdapter } from './evalyo.adapter';
export { evalyoDescriptor } from './evalyo.descriptor';

export const evalyo: VendorModule = {
  descriptor: evalyoDescriptor,
  mutationOptions: { inviteCandidate: EvalyoInviteOptionsInput },
  createAdapter: createEvalyoAdapter,
  // A lazy `require`, not `import()`: this package compiles to CommonJS under `module: node16`,
  // where `import()` stays a native ESM import (needs a `.js` specifier, and jest cannot run it
  // without --experimental-vm-modules). The type query keeps the module's real type.
  loadSimulator: async (): Promise<SimulatorModule> => require('./sandbox/evalyo.simulator') as typeof import('./sandbox/evalyo.simulator'),
};
