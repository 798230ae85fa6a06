import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGatewaySchema } from '../../../src/graphql/build-schema';
import { printGatewaySchema, SCHEMA_BANNER } from '../../../src/graphql/print-schema';
import { getNamedType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'schema', 'schema.graphql');

describe('schema/schema.graphql', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema();
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
    for (const name of ['Interview', 'InterviewTemplate', 'Report', 'Score', 'Scorecard', 'ScorecardItem', 'TranscriptTurn', 'Recording', 'Candidate', 'ProviderInfo']) {
      expect(schema.getType(name)).toBeDefined();
    }
    const query = schema.getQueryType()!.getFields();
    expect(Object.keys(query).sort()).toEqual(
      ['candidate', 'candidates', 'interview', 'interviewTemplate', 'interviewTemplates', 'interviews', 'node', 'providers', 'report', 'reportForInterview'].sort(),
    );
    expect(getNamedType(query.interviews.type).name).toBe('InterviewConnection');
    const node = schema.getType('Node');
    expect(isInterfaceType(node) && schema.getPossibleTypes(node).map((t) => t.name).sort()).toEqual(['Interview', 'InterviewTemplate', 'Report']);
  });

  it('has a `…Raw` sibling for every normalised enum field that comes from a vendor word', () => {
    // Not vendor words: Recording.kind/format come from which URL field and its extension,
    // ScorecardItem.category from which block of the report the item came from; Provider and
    // the Provider* types are the gateway's own.
    const derived = new Set(['Recording', 'ScorecardItem', 'ProviderInfo', 'ProviderCapabilities', 'ProviderHealth']);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || derived.has(type.name)) continue;
      const fields = type.getFields();
      for (const field of Object.values(fields)) {
        const named = getNamedType(field.type);
        if (named.constructor.name === 'GraphQLEnumType' && named.name !== 'Provider' && !fields[`${field.name}Raw`]) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
