import { ConfigError, loadConfig } from '../../src/config/config';
import type { VendorDescriptor } from '../../src/vendors/vendor-adapter';

/** What `loadConfig` refuses in `env`, one line per problem; [] when it loads. */
export function configProblems(env: NodeJS.ProcessEnv, descriptors: readonly VendorDescriptor[]): string[] {
  try {
    loadConfig(env, descriptors);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
