import type { EntityKind } from './model';
import { idGrammarOf, parseProvider, Provider, providerSlug } from './provider';

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

/**
 * The locator may itself contain `:` (for the grammar to refuse or not). A locator outside its
 * vendor's id grammar is a problem here, so no vendor is ever asked about it.
 */
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
  const locator = id.slice(second + 1);
  const wrong = idGrammarOf(provider).check(kind, locator);
  if (wrong) {
    return { problem: `Malformed ${providerSlug(provider)} ${kind} id "${truncate(id)}": ${wrong}.` };
  }
  return { provider, kind, locator };
}

/** Ids are echoed to clients (and logs) at most this long, in characters. */
const ECHOED_ID_LENGTH = 120;

function truncate(value: string): string {
  return value.length > ECHOED_ID_LENGTH ? `${value.slice(0, ECHOED_ID_LENGTH - 3)}...` : value;
}
