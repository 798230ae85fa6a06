import { type ClassType, Field, ObjectType } from 'type-graphql';
import { PageInfo } from './page-info.type';

export interface ConnectionValue<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

/**
 * Builds `<Name>Connection` and `<Name>Edge` for a node type (Relay cursor connections).
 */
export function createConnectionType<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge in a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge: pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The item.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
    pageInfo!: PageInfo;
  }

  return Connection;
}
