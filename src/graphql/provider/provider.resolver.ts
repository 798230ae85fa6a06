import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { HealthStatus, PaginationStyle, ProviderInfo, ProviderMode } from './provider.type';

@Resolver()
export class ProviderResolver {
  @Query(() => [ProviderInfo], { description: 'Every provider the gateway knows, with capabilities and health.' })
  providers(@Ctx() ctx: GraphQLContext): ProviderInfo[] {
    return ctx.registry.descriptors.map((descriptor) => {
      const adapter = ctx.registry.tryGet(descriptor.provider);
      const health = adapter?.health();
      return {
        provider: descriptor.provider,
        name: descriptor.displayName,
        mode: ctx.registry.mode(descriptor.provider) as ProviderMode,
        docsUrl: descriptor.docsUrl,
        capabilities: { ...descriptor.capabilities, pagination: descriptor.capabilities.pagination as PaginationStyle },
        health: health ? { ...health, status: health.status as HealthStatus } : null,
      };
    });
  }
}
