import { Field, ID, InterfaceType } from 'type-graphql';
import type { Entity } from '../../domain/model';

/** The Relay Node interface: every entity with a global id. */
@InterfaceType('Node', {
  description: 'An object with a global id, fetchable with `node(id:)`. Ids look like `<provider>:<Type>:<id>` and are opaque.',
  resolveType: (value: Entity) => value.kind,
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Global id: `<provider>:<Type>:<id>`. Treat it as opaque.' })
  id!: string;
}
