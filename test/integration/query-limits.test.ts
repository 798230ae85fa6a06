/**
 * Hostile operations are refused before anything runs (no resolver, no vendor call), each with a
 * 400 and a code naming the problem: too deep, too many aliases or directives, too many tokens,
 * too costly, and batched requests; over graphql-ws too. The limits come from config.
 */
import { getIntrospectionQuery } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../support/harness';
import { aliasedQuery, costlyQuery, directiveQuery, nestedQuery, tokenHeavyQuery, typenameAliasQuery } from '../support/hostile-queries';

describe('query limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GRAPHQL_MAX_COST: '5000' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.resetCalls());

  it.each([
    ['too deep', nestedQuery(3), undefined, /^Query is too deep: depth 16 exceeds the limit of 12\.$/],
    ['too many aliases', aliasedQuery(16), undefined, /^Too many aliases: 16 exceeds the limit of 15\.$/],
    ['too many aliases, all of __typename', typenameAliasQuery(200), undefined, /^Too many aliases: 200 exceeds the limit of 15\.$/],
    ['too many directives', directiveQuery(51), undefined, /^Too many directives: 51 exceeds the limit of 50\.$/],
    ['too costly', costlyQuery(12), undefined, /^Query is too costly: cost 56407840 exceeds the limit of 5000\.$/],
    // The same fan-out with its page sizes in variables costs the same.
    ['too costly, page sizes in variables', costlyQuery(1, '$n'), { n: 100 }, /^Query is too costly: cost 4700654 exceeds the limit of 5000\.$/],
  ])('%s: 400 GRAPHQL_VALIDATION_FAILED, no vendor call', async (_label, query, variables, message) => {
    const result = await h.query(query, variables);
    expect(result.status).toBe(400);
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(message);
    expect(h.totalCalls()).toBe(0);
  });

  it.each([
    ['a literal', '{ interviews(provider: MICRO1, first: 100000) { edges { node { id } } } }', undefined],
    ['a variable', 'query($n: Int!) { interviews(provider: MICRO1, first: $n) { edges { node { id } } } }', { n: 100000 }],
  ])('`first` out of 1–100 as %s: BAD_USER_INPUT naming it (the cost counts it as 100), no vendor call', async (_label, query, variables) => {
    const result = await h.query(query, variables);
    expect(result.status).toBe(200);
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.argument, e.message])).toEqual([
      ['BAD_USER_INPUT', 'first', '`first` must be between 1 and 100 (got 100000).'],
    ]);
    expect(h.totalCalls()).toBe(0);
  });

  it('graphql-ws operations meet the same limits, and an ordinary one runs', async () => {
    const client = createWsClient({ url: `${h.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const run = (query: string, variables?: Record<string, unknown>) =>
      new Promise<{ data?: unknown; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }>((resolve, reject) => {
        let result: { data?: unknown } = {};
        client.subscribe(
          { query, variables },
          {
            next: (value) => (result = value),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
            complete: () => resolve(result),
          },
        );
      });
    try {
      const refusal = async (query: string, variables?: Record<string, unknown>) =>
        (await run(query, variables)).errors?.map((e) => [e.extensions?.code, e.message]);
      expect(await refusal(aliasedQuery(16))).toEqual([['GRAPHQL_VALIDATION_FAILED', 'Too many aliases: 16 exceeds the limit of 15.']]);
      expect(await refusal(costlyQuery(1, '$n'), { n: 100 })).toEqual([
        ['GRAPHQL_VALIDATION_FAILED', 'Query is too costly: cost 4700654 exceeds the limit of 5000.'],
      ]);
      expect(await refusal(tokenHeavyQuery(1_000))).toEqual([['GRAPHQL_PARSE_FAILED', expect.stringMatching(/more that 1000 tokens/)]]);
      expect(h.totalCalls()).toBe(0);
      expect(await run('{ providers { provider } }')).toEqual({ data: { providers: expect.any(Array) } });
    } finally {
      await client.dispose();
    }
  });

  it('with introspection off, graphql-ws refuses it too and suggests no field names, as HTTP does', async () => {
    const closed = await startHarness({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    const client = createWsClient({ url: `${closed.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const errorsOf = (query: string) =>
      new Promise<string[]>((resolve, reject) =>
        client.subscribe(
          { query },
          {
            next: () => reject(new Error('answered')),
            error: (error) => resolve((error as Array<{ message: string }>).map((e) => e.message)),
            complete: () => reject(new Error('completed without an error')),
          },
        ),
      );
    try {
      expect((await closed.query('{ providerz { provider } }')).errors?.[0].message).not.toMatch(/Did you mean/);
      expect((await errorsOf('{ __schema { types { name } } }'))[0]).toMatch(/introspection has been disabled/);
      const unknown = await errorsOf('{ providerz { provider } }');
      expect(unknown).toEqual([expect.stringContaining('Cannot query field "providerz"')]);
      expect(unknown[0]).not.toMatch(/Did you mean/);
    } finally {
      await client.dispose();
      await closed.close();
    }
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
