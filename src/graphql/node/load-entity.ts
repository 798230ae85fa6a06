import { decodeGlobalId } from '../common/global-id';
import type { Entity, EntityKind } from '../../domain/model';
import { entityRef } from '../../store/entity-ref';
import type { Loaders } from '../../loaders/create-loaders';

/** Null when the vendor has no such object; a malformed id or one of another kind is BAD_USER_INPUT. */
export function loadEntity(loaders: Loaders, id: string, expectedKind?: EntityKind): Promise<Entity | null> {
  const { provider, kind, locator } = decodeGlobalId(id, expectedKind);
  const ref = entityRef(provider, locator);
  switch (kind) {
    case 'Interview':
      return loaders.interviewByLocator.load(ref);
    case 'Report':
      return loaders.reportByLocator.load(ref);
    case 'InterviewTemplate':
      return loaders.templateByLocator.load(ref);
  }
}
