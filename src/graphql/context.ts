import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import type { IdentityIndex } from '../identity/identity-index';
import type { Loaders } from '../loaders/create-loaders';
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
}
