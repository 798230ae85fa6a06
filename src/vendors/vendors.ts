/**
 * Every vendor the gateway knows: adding a vendor is one folder under `src/vendors/` (its
 * simulator in that folder's `sandbox/`), and one line here.
 */
import { heymilo } from './heymilo';
import { micro1 } from './micro1';
import { registerProviders } from '../domain/provider';
import type { VendorModule } from './vendor-adapter';
import { evalyo } from './evalyo';
import { xobin } from './xobin';

export const VENDORS: readonly VendorModule[] = [micro1, heymilo, xobin, evalyo];

// Global ids, webhook URLs and config name these providers from the start.
registerProviders(VENDORS.map((v) => v.descriptor));
