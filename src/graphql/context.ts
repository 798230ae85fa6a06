import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { IdentityIndex } from '../identity/identity-index';
import type { IndexProgress } from '../identity/index-progress';
import type { Loaders } from '../loaders/create-loaders';
import type { ReadModel } from '../readmodel/read-model';
import type { VendorRegistry } from '../vendors/vendor-registry';
import type { WriteService } from '../writes/write.service';
import type { ResponseDependencies } from '../response-cache/response-dependencies';
import type { OutboundService } from '../outbound/outbound.service';

/** Resolvers read vendor data ONLY through `loaders`. */
export interface GraphQLContext {
  tenantId: string;
  principal: Principal;
  loaders: Loaders;
  registry: VendorRegistry;
  identity: IdentityIndex;
  logger: Logger;
  writes: WriteService;
  /** The tenant's outbound webhooks (admin fields only). */
  outbound: OutboundService;
  readModel: ReadModel;
  indexProgress: IndexProgress;
  /** What the response is built from, for the response cache; resolvers reading past the loaders add to it. */
  dependencies: ResponseDependencies;
  /** Set by resolvers that read the index, so the response can say `extensions.indexIncomplete`. */
  readsIndex: boolean;
}
