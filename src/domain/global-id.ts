import type { EntityKind } from './model';
import { parseProvider, Provider, providerSlug } from './provider';

const KINDS: readonly EntityKind[] = ['Interview', 'InterviewTemplate', 'Report'];

export interface GlobalIdParts {
  provider: Provider;
  kind: EntityKind;
  locator: string;
}

/** In words fit for the client; the caller decides how to fail. */
export interface GlobalIdProblem {
  problem: string;
}

/** `<provider>:<Type>:<locator>`, e.g. `heymilo:Interview:int_123`. Opaque to clients. */
export function encodeGlobalId(provider: Provider, kind: EntityKind, locator: string): string {
  return `${providerSlug(provider)}:${kind}:${locator}`;
}

/** The locator may itself contain `:`. */
export function parseGlobalId(id: string, expectedKind?: EntityKind): GlobalIdParts | GlobalIdProblem {
  const first = id.indexOf(':');
  const second = first < 0 ? -1 : id.indexOf(':', first + 1);
  if (first <= 0 || second < 0 || second === id.length - 1) {
    return { problem: `Malformed id "${truncate(id)}": expected "<provider>:<Type>:<id>", e.g. "micro1:Interview:…".` };
  }
  const provider = parseProvider(id.slice(0, first));
  if (!provider) {
    return { problem: `Unknown provider in id "${truncate(id)}".` };
  }
  const kind = id.slice(first + 1, second) as EntityKind;
  if (!KINDS.includes(kind)) {
    return { problem: `Unknown type "${truncate(kind)}" in id "${truncate(id)}".` };
  }
  if (expectedKind && kind !== expectedKind) {
    return { problem: `Id "${truncate(id)}" is a ${kind}, not a ${expectedKind}.` };
  }
  return { provider, kind, locator: id.slice(second + 1) };
}

function truncate(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}
