import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VENDORS } from '../../../src/vendors/vendors';
import { buildGatewaySchema, buildSubgraphGatewaySchema, FEDERATION_LINK } from '../../../src/graphql/build-schema';
import { printGatewaySchema, printSubgraphSdl, SCHEMA_BANNER } from '../../../src/graphql/print-schema';
import { getNamedType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';

const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'schema', 'schema.graphql');
const SUBGRAPH_FILE = join(__dirname, '..', '..', '..', 'schema', 'subgraph.graphql');

describe('schema/schema.graphql', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema(VENDORS);
  });

  it('is up to date with the resolvers (run `npm run schema:emit` after changing the GraphQL surface)', () => {
    const printed = printGatewaySchema(schema);
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed.startsWith(SCHEMA_BANNER)).toBe(true);
    expect(committed).toBe(printed);
  });

  it('describes every type, field and argument (GraphiQL shows them)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ('args' in field) for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has the entities, the Node interface and the queries of the unified model', () => {
    for (const name of [
      'Interview',
      'InterviewTemplate',
      'Report',
      'Score',
      'Scorecard',
      'ScorecardItem',
      'TranscriptTurn',
      'Recording',
      'Candidate',
      'ProviderInfo',
    ]) {
      expect(schema.getType(name)).toBeDefined();
    }
    const query = schema.getQueryType()!.getFields();
    expect(Object.keys(query).sort()).toEqual(
      [
        'candidate',
        'candidates',
        'interview',
        'interviewTemplate',
        'interviewTemplates',
        'interviews',
        'node',
        'providers',
        'report',
        'reportForInterview',
        'reports',
        'webhookDeliveries',
        'webhookDelivery',
        'webhookEndpoints',
      ].sort(),
    );
    expect(getNamedType(query.interviews.type).name).toBe('InterviewConnection');
    const node = schema.getType('Node');
    expect(
      isInterfaceType(node) &&
        schema
          .getPossibleTypes(node)
          .map((t) => t.name)
          .sort(),
    ).toEqual(['Interview', 'InterviewTemplate', 'Report']);
  });

  it('has a `…Raw` sibling for every normalised enum field that comes from a vendor word', () => {
    // Not vendor words: Recording.kind/format come from which URL field and its extension,
    // ScorecardItem.category from which block of the report the item came from; Provider and
    // the Provider* types are the gateway's own.
    // The outbound webhook types are the gateway's own records (WebhookEndpoint, WebhookDelivery).
    const derived = new Set(['Recording', 'ScorecardItem', 'ProviderInfo', 'ProviderCapabilities', 'ProviderHealth', 'WebhookEndpoint', 'WebhookDelivery']);
    // Score.scale is the gateway's reading of the vendor's documentation (PERCENT, ORDINAL, UNKNOWN),
    // TimeNote.origin how the gateway read a time, ExternalId.kind which vendor field the id came
    // from (named in `source`): none is a word the vendor sent.
    const derivedFields = new Set(['Score.scale', 'TimeNote.origin', 'ExternalId.kind']);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || derived.has(type.name)) continue;
      const fields = type.getFields();
      for (const field of Object.values(fields)) {
        const named = getNamedType(field.type);
        if (derivedFields.has(`${type.name}.${field.name}`)) continue;
        if (named.constructor.name === 'GraphQLEnumType' && named.name !== 'Provider' && !fields[`${field.name}Raw`])
          missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('schema/subgraph.graphql (the Federation 2 subgraph)', () => {
  let subgraph: GraphQLSchema;
  let standalone: GraphQLSchema;
  beforeAll(async () => {
    subgraph = await buildSubgraphGatewaySchema(VENDORS);
    standalone = await buildGatewaySchema(VENDORS);
  });

  it('is up to date with the resolvers and is exactly what `_service { sdl }` answers a router', async () => {
    const printed = await printSubgraphSdl(subgraph);
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SUBGRAPH_FILE, printed);
    const committed = readFileSync(SUBGRAPH_FILE, 'utf8');
    expect(committed.startsWith(SCHEMA_BANNER)).toBe(true);
    expect(committed).toBe(printed);
  });

  it('links Federation 2 and keys the entities: Interview, Report, InterviewTemplate by id; Candidate by email', async () => {
    const sdl = await printSubgraphSdl(subgraph);
    expect(sdl).toContain(`extend schema\n  @link(url: "${FEDERATION_LINK}", import: ["@key", "@shareable"])`);
    const keysOf = (type: string) =>
      sdl
        .match(new RegExp(`^type ${type}(?: implements [^\\n]*)?\\n((?:  @[^\\n]*\\n)*)\\{`, 'm'))?.[1]
        .trim()
        .split(/\\n\\s*/);
    expect(keysOf('Interview')).toEqual(['@key(fields: "id")']);
    expect(keysOf('Report')).toEqual(['@key(fields: "id")']);
    expect(keysOf('InterviewTemplate')).toEqual(['@key(fields: "id")']);
    expect(keysOf('Candidate')).toEqual(['@key(fields: "email")']);
    expect(keysOf('PageInfo')).toEqual(['@shareable']);
    const entity = subgraph.getType('_Entity');
    expect(
      isUnionType(entity) &&
        entity
          .getTypes()
          .map((t) => t.name)
          .sort(),
    ).toEqual(['Candidate', 'Interview', 'InterviewTemplate', 'Report']);
  });

  it('serves the same API as the standalone schema, plus only the federation fields', () => {
    const fields = (schema: GraphQLSchema) => Object.keys(schema.getQueryType()!.getFields()).sort();
    expect(fields(subgraph)).toEqual([...fields(standalone), '_entities', '_service'].sort());
    const extra = Object.keys(subgraph.getTypeMap()).filter((name) => !standalone.getType(name) && !name.startsWith('__'));
    expect(extra.sort()).toEqual(
      ['_Any', '_Entity', '_Service', 'federation__FieldSet', 'federation__Policy', 'federation__Scope', 'link__Import', 'link__Purpose'].sort(),
    );
    const names = (type: { getFields(): object } | null | undefined) => Object.keys(type!.getFields()).sort();
    expect(names(subgraph.getMutationType())).toEqual(names(standalone.getMutationType()));
    expect(names(subgraph.getSubscriptionType())).toEqual(names(standalone.getSubscriptionType()));
  });
});
