/** The GraphQL enum value (`MICRO1`); its lower-case slug appears in global ids, variables and webhook URLs. */
export type Provider = string;

/** Filled by the vendor list (`vendors/vendors.ts`) in its order; a process may add more (a test's fifth vendor), never remove one. */
const known: Provider[] = [];

/** Idempotent. */
export function registerProviders(providers: readonly Provider[]): void {
  for (const provider of providers) {
    if (!/^[A-Z][A-Z0-9]*$/.test(provider)) throw new Error(`provider "${provider}" must be upper-case letters and digits (it is a GraphQL enum value)`);
    if (!known.includes(provider)) known.push(provider);
  }
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
