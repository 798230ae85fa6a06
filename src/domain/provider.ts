import { OPAQUE_IDS, type VendorIdGrammar } from './vendor-ids';

/** The GraphQL enum value (`MICRO1`); its lower-case slug appears in global ids, variables and webhook URLs. */
export type Provider = string;

/** Filled by the vendor list (`vendors/vendors.ts`) in its order; a process may add more (a test's fifth vendor), never remove one. */
const known: Provider[] = [];
/** Only the vendors that declare one; the rest get OPAQUE_IDS. */
const grammars = new Map<Provider, VendorIdGrammar>();

/** Idempotent. Takes each vendor's name and its id grammar, which global ids are checked against. */
export function registerProviders(vendors: readonly { provider: Provider; ids?: VendorIdGrammar }[]): void {
  for (const { provider, ids } of vendors) {
    if (!/^[A-Z][A-Z0-9]*$/.test(provider)) throw new Error(`provider "${provider}" must be upper-case letters and digits (it is a GraphQL enum value)`);
    if (!known.includes(provider)) known.push(provider);
    if (ids) grammars.set(provider, ids);
  }
}

/** The grammar `provider`'s ids are checked against before any call (the default when it declares none). */
export function idGrammarOf(provider: Provider): VendorIdGrammar {
  return grammars.get(provider) ?? OPAQUE_IDS;
}

export function knownProviders(): readonly Provider[] {
  return known;
}

export function providerSlug(provider: Provider): string {
  return provider.toLowerCase();
}

/** Parses a slug or enum value, case-insensitively; `undefined` when it names no provider. */
export function parseProvider(value: string): Provider | undefined {
  const upper = value.trim().toUpperCase();
  return known.includes(upper) ? upper : undefined;
}
