/**
 * Every environment variable the gateway reads: the keys of config.ts's zod base schema, plus each
 * registered vendor's variables as `vendorVariables` lists them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vendorVariables } from '../../src/config/vendor-variables';
import { VENDORS } from '../../src/vendors/vendors';

/** The variables of `baseSchema` in src/config/config.ts, in source order. */
export function baseConfigVariables(): string[] {
  const source = readFileSync(join(__dirname, '..', '..', 'src', 'config', 'config.ts'), 'utf8');
  const start = source.indexOf('const baseSchema = z.object({');
  const schema = source.slice(start, source.indexOf('});', start));
  return [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
}

export function configVariables(): Set<string> {
  return new Set([...baseConfigVariables(), ...VENDORS.flatMap((v) => vendorVariables(v.descriptor).map((variable) => variable.name))]);
}
