import { VENDORS } from '../../src/vendors/vendors';
import { startHarness, type Harness } from '../support/harness';

describe('HTTP server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('GET /healthz answers 200 while the process serves HTTP', async () => {
    const response = await h.http('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  });

  it('GET /readyz reports the cache layers and every vendor', async () => {
    const response = await h.http('GET', '/readyz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      status: 'ready',
      cache: { layers: ['memory'], redisReachable: null, redisInUse: null },
      vendors: Object.fromEntries(VENDORS.map((v) => [v.descriptor.provider, { mode: 'SANDBOX', health: 'UP' }])),
    });
  });

  it('serves the GraphQL landing page to browsers at GET /graphql', async () => {
    const response = await h.http('GET', '/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers malformed JSON with 400 and a typed error', async () => {
    const response = await h.http('POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(response.body).not.toMatch(/at .*\.js/); // no stack trace
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const parse = await h.query('{ providers { ');
    expect(parse.status).toBe(400);
    expect(parse.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const validation = await h.query('{ providers { nope } }');
    expect(validation.status).toBe(400);
    expect(validation.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a request body over 1 MB with 413', async () => {
    const response = await h.http('POST', '/graphql', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ providers { name } } # ${'x'.repeat(1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ errors: [{ message: 'The request body is over 1048576 bytes.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers an unreadable body or content type in the GraphQL error shape', async () => {
    const invalid = await h.http('POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    const xml = await h.http('POST', '/graphql', { headers: { 'content-type': 'application/xml' }, body: '<query/>' });
    expect(xml.status).toBe(415);
    expect(JSON.parse(xml.body).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a GET query without a preflight-forcing header (Apollo CSRF prevention)', async () => {
    const response = await h.http('GET', '/graphql?query=%7Bproviders%7Bname%7D%7D');
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/CSRF/);
  });
});
