/**
 * The vendors the gateway knows. The value is the GraphQL enum value; `slug` is the lower-case
 * form used in global ids (`micro1:Interview:…`), config variable prefixes and webhook URLs.
 */
export enum Provider {
  MICRO1 = 'MICRO1',
  HEYMILO = 'HEYMILO',
  XOBIN = 'XOBIN',
  EVALYO = 'EVALYO',
}

export const ALL_PROVIDERS: readonly Provider[] = Object.values(Provider);

export function providerSlug(provider: Provider): string {
  return provider.toLowerCase();
}

/** Parses a slug or enum value, case-insensitively; `undefined` when it names no provider. */
export function parseProvider(value: string): Provider | undefined {
  const upper = value.trim().toUpperCase();
  return (ALL_PROVIDERS as readonly string[]).includes(upper) ? (upper as Provider) : undefined;
}
