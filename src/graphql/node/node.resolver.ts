import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Entity } from '../../domain/model';
import { NodeInterface } from '../common/node.interface';
import type { GraphQLContext } from '../context';
import { loadEntity } from './load-entity';

@Resolver()
export class NodeResolver {
  @Query(() => NodeInterface, {
    nullable: true,
    description: 'Any object by global id (Relay). Null when the vendor has no such object; BAD_USER_INPUT for a malformed id.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global id, e.g. `heymilo:Interview:int_123`.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Entity | null> {
    return loadEntity(ctx.loaders, id);
  }
}
