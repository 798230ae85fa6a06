import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { decodeGlobalId } from '../../domain/global-id';
import type { Entity } from '../../domain/model';
import { refKey } from '../../loaders/entity-ref';
import { NodeInterface } from '../common/node.interface';
import type { GraphQLContext } from '../context';

@Resolver()
export class NodeResolver {
  @Query(() => NodeInterface, {
    nullable: true,
    description: 'Any object by global id (Relay). Null when the vendor has no such object; BAD_USER_INPUT for a malformed id.',
  })
  async node(@Arg('id', () => ID, { description: 'A global id, e.g. `heymilo:Interview:int_123`.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Entity | null> {
    const { provider, kind, locator } = decodeGlobalId(id);
    const ref = refKey(provider, locator);
    switch (kind) {
      case 'Interview':
        return ctx.loaders.interviewByLocator.load(ref);
      case 'Report':
        return ctx.loaders.reportByLocator.load(ref);
      case 'InterviewTemplate':
        return ctx.loaders.templateByLocator.load(ref);
    }
  }
}
