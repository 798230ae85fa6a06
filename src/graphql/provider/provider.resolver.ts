import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ErrorCode } from '../../errors/error-code';
import { GatewayError } from '../../errors/gateway.error';
import type { GraphQLContext } from '../context';
import { BreakerState, HealthStatus, IdentitySyncStatusType, PaginationStyle, ProviderInfo, ProviderMode } from './provider.type';

@Resolver(() => ProviderInfo)
export class ProviderResolver {
  @Query(() => [ProviderInfo], { description: 'Every provider the gateway knows, with capabilities, health and identity sync progress.' })
  providers(@Ctx() ctx: GraphQLContext): ProviderInfo[] {
    // Health and sync progress are live: a cached answer would be a stale one.
    ctx.dependencies.refuse('live provider health');
    return ctx.registry.descriptors.map((descriptor) => {
      const adapter = ctx.registry.tryGet(descriptor.provider);
      const health = adapter?.health();
      return {
        provider: descriptor.provider,
        name: descriptor.displayName,
        mode: ctx.registry.mode(descriptor.provider) as ProviderMode,
        docsUrl: descriptor.docsUrl,
        capabilities: { ...descriptor.capabilities, pagination: descriptor.capabilities.pagination as PaginationStyle },
        health: health ? { ...health, status: health.status as HealthStatus, breaker: health.breaker as BreakerState } : null,
      };
    });
  }

  @FieldResolver(() => IdentitySyncStatusType, { nullable: true, description: 'Identity sync progress; null when the provider is not configured.' })
  async sync(@Root() info: ProviderInfo, @Ctx() ctx: GraphQLContext): Promise<IdentitySyncStatusType | null> {
    if (!ctx.registry.tryGet(info.provider)) return null;
    let state: Awaited<ReturnType<GraphQLContext['identity']['store']['getSyncState']>>;
    try {
      state = await ctx.identity.store.getSyncState(info.provider);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'identity index unavailable');
      throw new GatewayError(ErrorCode.INDEX_UNAVAILABLE, 'The identity index is unavailable; try again shortly.');
    }
    return {
      lastSyncAt: state.lastSyncAt,
      lastAttemptAt: state.lastAttemptAt,
      inProgress: state.resume !== null,
      indexedThisPass: state.passRefs,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      indexedAt: state.indexedAt ?? null,
      lastFullPassAt: state.fullPassAt ?? null,
    };
  }
}
