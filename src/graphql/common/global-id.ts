import type { EntityKind } from '../../domain/model';
import { type GlobalIdParts, parseGlobalId } from '../../domain/global-id';
import { BadUserInputError } from '../../errors/bad-user-input.error';

/** Here, not in the domain, so the domain imports no errors. */
export function decodeGlobalId(id: string, expectedKind?: EntityKind): GlobalIdParts {
  const parsed = parseGlobalId(id, expectedKind);
  if ('problem' in parsed) throw new BadUserInputError(parsed.problem);
  return parsed;
}
