/**
 * A vendor the gateway knows, by its GraphQL enum value (`MICRO1`). Each vendor's descriptor
 * names its own; `slug` is the lower-case form used in global ids (`micro1:Interview:…`), config
 * variable prefixes and webhook URLs.
 */
export type Provider = string;

/** Names of the vendors registered in `src/vendors/vendors.ts`, for code that refers to one of them by name. */
export const Provider = {
  MICRO1: 'MICRO1',
  HEYMILO: 'HEYMILO',
  XOBIN: 'XOBIN',
  EVALYO: 'EVALYO',
} as const satisfies Record<string, Provider>;

/**
 * Every provider this process serves, in registration order. The vendor list registers its own
 * (`registerProviders`); a process may add more (a test's fifth vendor), never remove one.
 */
const known: Provider[] = [...Object.values(Provider)];

/** Adds providers to the ones ids, webhook URLs and config can name (idempotent). */
export function registerProviders(providers: readonly Provider[]): void {
  for (const provider of providers) {
    if (!/^[A-Z][A-Z0-9]*$/.test(provider)) throw new Error(`provider "${provider}" must be upper-case letters and digits (it is a GraphQL enum value)`);
    if (!known.includes(provider)) known.push(provider);
  }
}

/** Every provider this process can name. */
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
