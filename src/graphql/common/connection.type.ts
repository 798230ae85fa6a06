import { ProviderEnum } from './enums';
import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { Provider } from '../../domain/provider';
import { PageInfo } from './page-info.type';

export interface ConnectionValue<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

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

export interface ProviderConnectionValue<T> {
  edges: Array<{ cursor: string; provider: Provider; node: T | Error }>;
  pageInfo: PageInfo;
  totalCount: number | null;
}

/** A failed vendor nulls only its own nodes, with an error naming it: one outage never empties the page. */
export function createProviderConnectionType<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge in a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge: pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => ProviderEnum, { description: 'The vendor of this item (also when `node` is null because that vendor failed).' })
    provider!: Provider;

    // An Error here is raised by graphql-js as this field's error (with its code and provider).
    @Field(() => nodeType, { nullable: true, description: 'The item; null when its vendor failed (the error names the provider).' })
    node!: T | null;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description:
        "How many items the whole list holds with these filters, when the gateway knows it without asking a vendor (the cross-vendor feeds, unless a time range or a filter the indexes cannot count is combined); null otherwise (one provider's live list).",
    })
    totalCount!: number | null;
  }

  return Connection;
}
