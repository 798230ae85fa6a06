import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { IdentityIndex } from '../identity/identity-index';
import type { IndexProgress } from '../identity/index-progress';
import type { Loaders } from '../loaders/create-loaders';
import type { ReadModel } from '../readmodel/read-model';
import type { VendorRegistry } from '../vendors/vendor-registry';
import type { WriteService } from '../writes/write.service';

/** What every resolver receives. Resolvers read vendor data ONLY through `loaders`. */
export interface GraphQLContext {
  /** The tenant the request acts as (from its credential): loaders, index and writes are its own. */
  tenantId: string;
  /** Who is calling (log-safe). */
  principal: Principal;
  loaders: Loaders;
  registry: VendorRegistry;
  /** email → interviews at every vendor (read through `loaders.candidateByEmail`). */
  identity: IdentityIndex;
  logger: Logger;
  /** The write path of the mutations (idempotency, write-through, index, events). */
  writes: WriteService;
  /** Interview summaries in feed order (the cross-vendor `interviews`, `reports`, `interviewTemplates`). */
  readModel: ReadModel;
  /** Which vendors are not fully indexed yet. */
  indexProgress: IndexProgress;
  /**
   * Set by resolvers that answered from the read model or the identity index: the response then
   * says `extensions.indexIncomplete` while a vendor's first sync pass is unfinished.
   */
  readsIndex: boolean;
}
