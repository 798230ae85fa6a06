/**
 * "One folder and one registry line add a vendor": a fifth vendor that lives only in
 * test/vendors/acme/ is handed to the gateway beside the registered four, with no other edit.
 * The schema's Provider enum, `providers`, config validation and the mutations' per-vendor
 * options must pick it up.
 */
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config/config';
import { startSandbox } from '../../src/sandbox/start-sandbox';
import { VENDORS } from '../../src/vendors/vendors';
import { acme, acmeAdapters } from '../vendors/acme';

const vendors = [...VENDORS, acme];
const descriptors = vendors.map((v) => v.descriptor);
let app: App;
let url: string;

const gql = async (query: string, variables?: Record<string, unknown>) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
};

beforeAll(async () => {
  const config = loadConfig(
    { SANDBOX: 'false', AUTH_ALLOW_OPEN: 'true', LOG_LEVEL: 'silent', IDENTITY_SYNC_INTERVAL_SECONDS: '0', ACME_API_KEY: 'acme-key', ACME_REGION: 'us' },
    descriptors,
  );
  app = await createApp(config, { vendors, logger: pino({ level: 'silent' }) });
  url = await app.server.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(() => app.close());

describe('a fifth vendor from its own folder', () => {
  it('reads its variables like any vendor: key, option (with its default) and rate limit', () => {
    const [adapter] = acmeAdapters;
    expect(adapter.deps).toMatchObject({ apiKey: 'acme-key', baseUrl: 'https://api.acme.test', options: { REGION: 'us' } });
    expect(adapter.deps.resilience?.rateLimitPerMinute).toBe(120);
    const defaults = loadConfig({ SANDBOX: 'false', AUTH_ALLOW_OPEN: 'true', ACME_API_KEY: 'k' }, descriptors);
    expect(defaults.tenants[0].vendors.ACME).toEqual({ apiKey: 'k', baseUrl: 'https://api.acme.test', options: { REGION: 'eu' } });
  });

  it('refuses its bad variables by name', () => {
    const load = () => loadConfig({ ACME_API_KEY: 'k', AUTH_ALLOW_OPEN: 'true', ACME_BASE_URL: 'ftp://acme', ACME_RATE_LIMIT_PER_MINUTE: 'lots' }, descriptors);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/ACME_RATE_LIMIT_PER_MINUTE: must be a whole number[\s\S]*ACME_BASE_URL: must be an http\(s\) URL/);
  });

  it('is a value of the Provider enum and is listed by `providers`, live, with its capabilities', async () => {
    const result = await gql(
      '{ __type(name: "Provider") { enumValues { name } } providers { provider name mode capabilities { inviteCandidates rateLimitPerMinute } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.__type.enumValues.map((v: { name: string }) => v.name)).toEqual(
      expect.arrayContaining(['ACME', 'MICRO1', 'HEYMILO', 'XOBIN', 'EVALYO']),
    );
    expect(result.data?.providers).toHaveLength(vendors.length);
    expect(result.data?.providers).toContainEqual({
      provider: 'ACME',
      name: 'Acme Interviews',
      mode: 'LIVE',
      capabilities: { inviteCandidates: true, rateLimitPerMinute: 120 },
    });
  });

  it('serves its interviews by provider and by global id', async () => {
    const result = await gql(
      '{ interviews(provider: ACME, first: 5) { edges { node { id status candidate { email } } } } node(id: "acme:Interview:a-1") { id } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.interviews.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['acme:Interview:a-1', 'acme:Interview:a-2']);
    expect(result.data?.node).toEqual({ id: 'acme:Interview:a-1' });
  });

  it('declares no id grammar, so its ids get the default check: a 200 KB one is BAD_USER_INPUT naming it', async () => {
    const result = await gql('query($id: ID!) { node(id: $id) { id } }', { id: `acme:Interview:${'x'.repeat(200_000)}` });
    expect(result.data?.node).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^Malformed acme Interview id "acme:Interview:x+\.\.\.": it is 200000 characters long, more than the 128 an id can have\.$/,
        ),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('takes its own options block in inviteCandidate and hands it to its adapter', async () => {
    const invite = `mutation($input: InviteCandidateInput!) { inviteCandidate(input: $input) { interview { id status candidate { email } } } }`;
    const input = { templateId: 'acme:InterviewTemplate:t1', candidate: { name: 'Grace Hopper', email: 'grace@example.com' } };
    const result = await gql(invite, { input: { ...input, acme: { priority: 3 } } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.inviteCandidate.interview).toEqual({ id: 'acme:Interview:a-3', status: 'INVITED', candidate: { email: 'grace@example.com' } });
    expect(acmeAdapters[0].invitations.map((i) => i.options)).toEqual([{ priority: 3 }]);

    const introspected = await gql('{ __type(name: "InviteCandidateInput") { inputFields { name type { name } description } } }');
    expect(introspected.data?.__type.inputFields).toContainEqual({
      name: 'acme',
      type: { name: 'AcmeInviteOptionsInput' },
      description: 'Acme Interviews-only settings.',
    });

    // Another vendor's block is refused, as between the four.
    const wrong = await gql(invite, { input: { ...input, micro1: { jobApplicationId: 'x' } } });
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.micro1' } });
    expect(acmeAdapters[0].invitations).toHaveLength(1);
  });

  it('appears in the GraphiQL docs: the page loads and its schema names the vendor', async () => {
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
    const types = await gql('{ __schema { types { name } } }');
    expect(types.data?.__schema.types.map((t: { name: string }) => t.name)).toContain('AcmeInviteOptionsInput');
  });

  it('needs no simulator: sandbox mode starts the simulators there are and leaves it out', async () => {
    const sandbox = await startSandbox(vendors, { seed: 7 });
    try {
      expect([...sandbox.simulators.keys()]).toEqual(VENDORS.map((v) => v.descriptor.provider));
      expect(Object.keys(sandbox.vendorConfig)).not.toContain('ACME');
    } finally {
      await sandbox.close();
    }
  });
});
