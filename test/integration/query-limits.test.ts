/**
 * Hostile operations are refused before anything runs (no resolver, no vendor call), each with a
 * 400 and a code naming the problem: too deep, too many aliases or directives, too many tokens,
 * too costly, and batched requests. The limits come from config.
 */
import { getIntrospectionQuery } from 'graphql';
import { startHarness, type Harness } from '../support/harness';
import { aliasedQuery, costlyQuery, directiveQuery, nestedQuery, tokenHeavyQuery } from '../support/hostile-queries';

describe('query limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GRAPHQL_MAX_COST: '5000' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.resetCalls());

  it.each([
    ['too deep', nestedQuery(3), /depth limit of 12/i],
    ['too many aliases', aliasedQuery(16), /aliases limit of 15/i],
    ['too many directives', directiveQuery(51), /directives limit of 50/i],
    ['too costly', costlyQuery(12), /cost limit of 5000/i],
  ])('%s: 400 GRAPHQL_VALIDATION_FAILED, no vendor call', async (_label, query, message) => {
    const result = await h.query(query);
    expect(result.status).toBe(400);
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(message);
    expect(h.totalCalls()).toBe(0);
  });

  it('too many tokens: 400 GRAPHQL_PARSE_FAILED before anything else', async () => {
    const result = await h.query(tokenHeavyQuery(1_000));
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0].message).toMatch(/more that 1000 tokens/); // graphql-js spells it so
  });

  it('a syntax error stays a 400 GRAPHQL_PARSE_FAILED', async () => {
    const result = await h.query('{ providers { ');
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('batched HTTP requests are refused', async () => {
    const response = await h.http('POST', '/graphql', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ providers { provider } }' }, { query: '{ providers { provider } }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('ordinary deep queries and GraphiQL introspection pass', async () => {
    const deep = nestedQuery(1);
    expect((await h.query(deep)).errors).toBeUndefined();
    const introspection = await h.query(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
    );
    expect(introspection.errors).toBeUndefined();
  });
});
