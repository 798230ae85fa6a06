import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { configProblems } from '../../support/config-problems';
import { sha256Hex } from '../../../src/infra/secret';
import { Provider } from '../../support/providers';
import type { VendorDescriptor } from '../../../src/vendors/vendor-adapter';

const capabilities = {
  pagination: 'OFFSET',
  listInterviews: true,
  listTemplates: true,
  webhooks: true,
  createTemplates: false,
  inviteCandidates: false,
  numericScorecard: false,
  rateLimitPerMinute: null,
} as const;
const descriptors: VendorDescriptor[] = [
  {
    provider: Provider.MICRO1,
    displayName: 'micro1',
    defaultBaseUrl: 'https://public.api.micro1.ai',
    docsUrl: 'x',
    docNotes: { credential: 'x' },
    capabilities,
    options: [{ name: 'REGION', description: 'r' }],
  },
  {
    provider: Provider.EVALYO,
    displayName: 'Evalyo',
    defaultBaseUrl: 'https://api.evalyo.com',
    docsUrl: 'x',
    docNotes: { credential: 'x' },
    capabilities: { ...capabilities, webhooks: false },
  },
];
const CLIENT_KEY = 'client-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'ig-config-'));

const problems = (env: NodeJS.ProcessEnv): string[] => configProblems(env, descriptors);

function tenantsFile(content: unknown): string {
  const path = join(dir, `tenants-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('client authentication settings', () => {
  it('runs open only in sandbox mode when no client credential is set, and says why', () => {
    expect(loadConfig({}, descriptors).auth).toEqual({ apiKeyHeader: 'x-api-key', jwt: null, open: 'sandbox' });
  });

  it('refuses to start with real vendor keys and no client credential unless AUTH_ALLOW_OPEN=true', () => {
    expect(problems({ MICRO1_API_KEY: 'k' })).toEqual([
      expect.stringMatching(/^AUTH_API_KEYS: real vendor keys are configured but no client credential is: .*AUTH_ALLOW_OPEN=true/),
    ]);
    expect(loadConfig({ MICRO1_API_KEY: 'k', AUTH_ALLOW_OPEN: 'true' }, descriptors).auth.open).toBe('explicit');
  });

  it('keeps client API keys only as SHA-256 digests, plain or given as sha256:<hex>', () => {
    const other = sha256Hex('kept-in-a-vault-elsewhere');
    const config = loadConfig({ MICRO1_API_KEY: 'k', AUTH_API_KEYS: ` ${CLIENT_KEY} , sha256:${other.toUpperCase()}` }, descriptors);
    expect(config.auth.open).toBeNull();
    expect(config.tenants).toEqual([expect.objectContaining({ id: 'default', clientKeyDigests: [sha256Hex(CLIENT_KEY), other] })]);
    expect(JSON.stringify(config)).not.toContain(CLIENT_KEY);
  });

  it('refuses short keys, open access beside credentials, and names the variable without echoing secrets', () => {
    const keys = problems({ AUTH_API_KEYS: 'short,also short key' });
    expect(keys).toEqual([expect.stringMatching(/^AUTH_API_KEYS: key 1 must be at least 16 characters/), expect.stringMatching(/^AUTH_API_KEYS: key 2 /)]);
    expect(keys.join('\n')).not.toContain('short');
    expect(problems({ AUTH_JWT_SECRET: 'tiny' })).toEqual(['AUTH_JWT_SECRET: must be at least 32 characters (got 4 characters)']);
    expect(problems({ AUTH_API_KEYS: CLIENT_KEY, AUTH_ALLOW_OPEN: 'true' })).toEqual([
      expect.stringMatching(/^AUTH_ALLOW_OPEN: client credentials are configured/),
    ]);
    expect(problems({ AUTH_API_KEY_HEADER: 'Authorization' })).toEqual([expect.stringMatching(/^AUTH_API_KEY_HEADER: must not be authorization/)]);
  });

  it('reads an HS secret or an RS public key (PEM text or file) for JWTs, with matching algorithms only', () => {
    const secret = 's'.repeat(32);
    expect(loadConfig({ AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: 'https://idp', AUTH_JWT_AUDIENCE: 'graph' }, descriptors).auth.jwt).toEqual({
      key: secret,
      algorithms: ['HS256'],
      issuer: 'https://idp',
      audience: 'graph',
      tenantClaim: 'tenant',
      adminScope: 'webhooks:admin',
    });
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const path = join(dir, 'jwt.pem');
    writeFileSync(path, pem);
    expect(loadConfig({ AUTH_JWT_PUBLIC_KEY: path }, descriptors).auth.jwt).toMatchObject({ key: pem, algorithms: ['RS256'] });
    expect(loadConfig({ AUTH_JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n'), AUTH_JWT_ALGORITHMS: 'RS256,PS256' }, descriptors).auth.jwt).toMatchObject({
      key: pem,
      algorithms: ['RS256', 'PS256'],
    });
    expect(problems({ AUTH_JWT_SECRET: secret, AUTH_JWT_ALGORITHMS: 'RS256' })).toEqual([
      expect.stringMatching(/^AUTH_JWT_ALGORITHMS: with AUTH_JWT_SECRET use HS256, HS384, HS512/),
    ]);
    expect(problems({ AUTH_JWT_PUBLIC_KEY: 'not a key' })).toEqual([expect.stringMatching(/^AUTH_JWT_PUBLIC_KEY: must be a PEM public key/)]);
    expect(problems({ AUTH_JWT_SECRET: secret, AUTH_JWT_PUBLIC_KEY: pem })).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: set either/)]);
    expect(problems({ AUTH_JWT_ISSUER: 'x' })).toEqual([expect.stringMatching(/^AUTH_JWT_ISSUER: set AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY too/)]);
  });

  it('gives admin keys the admin role as well as client access (env and tenants file); they alone count as a credential', () => {
    const ADMIN = 'admin-key-0123456789';
    const config = loadConfig({ MICRO1_API_KEY: 'k', AUTH_API_KEYS: CLIENT_KEY, AUTH_ADMIN_API_KEYS: ADMIN }, descriptors);
    expect(config.tenants[0]).toMatchObject({ clientKeyDigests: [sha256Hex(CLIENT_KEY), sha256Hex(ADMIN)], adminKeyDigests: [sha256Hex(ADMIN)] });
    expect(loadConfig({ MICRO1_API_KEY: 'k', AUTH_ADMIN_API_KEYS: ADMIN }, descriptors).auth.open).toBeNull();
    expect(problems({ AUTH_ADMIN_API_KEYS: 'short' })).toEqual([expect.stringMatching(/^AUTH_ADMIN_API_KEYS: key 1 must be at least 16 characters/)]);
    expect(problems({ AUTH_JWT_ADMIN_SCOPE: 'two words' })).toEqual([expect.stringMatching(/^AUTH_JWT_ADMIN_SCOPE: must be an OAuth scope token/)]);
    const file = tenantsFile({ tenants: [{ id: 'acme', apiKeys: [CLIENT_KEY], adminApiKeys: [ADMIN], vendors: { micro1: { apiKey: 'k' } } }] });
    expect(loadConfig({ TENANTS_FILE: file }, descriptors).tenants[0]).toMatchObject({ adminKeyDigests: [sha256Hex(ADMIN)] });
    expect(problems({ TENANTS_FILE: file, AUTH_ADMIN_API_KEYS: ADMIN })).toEqual([expect.stringMatching(/^TENANTS_FILE: .*unset AUTH_ADMIN_API_KEYS/)]);
  });

  it('reads the CORS allow-list, refusing anything that is not an origin', () => {
    expect(loadConfig({}, descriptors).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:3000' }, descriptors).corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:3000',
    ]);
    expect(problems({ CORS_ORIGINS: 'https://app.example.com/path' })).toEqual([
      expect.stringMatching(/^CORS_ORIGINS: "https:\/\/app.example.com\/path" must be \*/),
    ]);
  });
});

describe('TENANTS_FILE', () => {
  const env = {
    ACME_KEY: 'acme-client-key-0001',
    ACME_MICRO1: 'acme-micro1-vendor-key',
    GLOBEX_KEY: 'globex-client-key-01',
    GLOBEX_MICRO1: 'globex-micro1-key',
  };
  const twoTenants = {
    tenants: [
      {
        id: 'acme',
        apiKeys: ['${ACME_KEY}'],
        vendors: {
          micro1: { apiKey: '${ACME_MICRO1}', webhookToken: 'acme-webhook-token-01', options: { REGION: 'eu' } },
          evalyo: { apiKey: 'ev-acme', rateLimitPerMinute: 1000 },
        },
      },
      { id: 'globex', apiKeys: ['${GLOBEX_KEY}'], vendors: { MICRO1: { apiKey: '${GLOBEX_MICRO1}', baseUrl: 'http://127.0.0.1:9' } } },
    ],
  };

  it('gives each tenant its own client keys (as digests), vendor credentials, webhook tokens and plan limits', () => {
    const config = loadConfig({ ...env, TENANTS_FILE: tenantsFile(twoTenants), MICRO1_REGION: 'us' }, descriptors);
    expect(config.tenancy).toBe('file');
    expect(config.auth.open).toBeNull();
    expect(config.sandbox.enabled).toBe(false);
    expect(config.tenants).toEqual([
      {
        id: 'acme',
        clientKeyDigests: [sha256Hex(env.ACME_KEY)],
        adminKeyDigests: [],
        vendors: {
          MICRO1: { apiKey: env.ACME_MICRO1, baseUrl: 'https://public.api.micro1.ai', options: { REGION: 'eu' } },
          EVALYO: { apiKey: 'ev-acme', baseUrl: 'https://api.evalyo.com', options: {}, rateLimitPerMinute: 1000 },
        },
        webhookTokens: { MICRO1: 'acme-webhook-token-01' },
      },
      {
        id: 'globex',
        clientKeyDigests: [sha256Hex(env.GLOBEX_KEY)],
        adminKeyDigests: [],
        // Options not set in the file default to the <SLUG>_<OPTION> variables.
        vendors: { MICRO1: { apiKey: env.GLOBEX_MICRO1, baseUrl: 'http://127.0.0.1:9', options: { REGION: 'us' } } },
        webhookTokens: {},
      },
    ]);
  });

  it('names every problem by tenant and field, never echoing a secret', () => {
    const found = problems({
      ACME_KEY: env.ACME_KEY,
      TENANTS_FILE: tenantsFile({
        tenants: [
          {
            id: 'acme',
            apiKeys: ['${ACME_KEY}', 'short'],
            vendors: {
              micro1: { apiKey: '${MISSING_VAR}', webhookToken: 'shared-token-000001' },
              evalyo: { apiKey: 'k', webhookToken: 'x'.repeat(20) },
              nosuch: { apiKey: 'k' },
            },
          },
          { id: 'acme', apiKeys: ['${ACME_KEY}'], vendors: { micro1: { apiKey: 'k', webhookToken: 'shared-token-000001', options: { COLOUR: 'red' } } } },
        ],
      }),
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'TENANTS_FILE tenants.0 (acme) apiKeys.1: must be at least 16 characters without spaces or commas, or sha256:<64 hex digits>',
        'TENANTS_FILE tenants.0 (acme) vendors.micro1.apiKey: environment variable MISSING_VAR is not set',
        'TENANTS_FILE tenants.0 (acme) vendors.evalyo.webhookToken: EVALYO sends no webhooks',
        'TENANTS_FILE tenants.0 (acme) vendors.nosuch: unknown vendor (known: micro1, evalyo)',
        'TENANTS_FILE tenants.1 (acme): the id is used by an earlier tenant',
        'TENANTS_FILE tenants.1 (acme) apiKeys.0: the same key is listed for tenant acme',
        'TENANTS_FILE tenants.1 (acme) vendors.micro1.webhookToken: the same token is used by tenant acme',
        'TENANTS_FILE tenants.1 (acme) vendors.micro1.options.COLOUR: not an option of MICRO1 (known: REGION)',
      ]),
    );
    expect(found.join('\n')).not.toContain(env.ACME_KEY);
  });

  it('refuses an unreadable file, bad JSON, unknown fields, and tenant settings left in the environment', () => {
    expect(problems({ TENANTS_FILE: join(dir, 'absent.json') })).toEqual([expect.stringMatching(/^TENANTS_FILE: cannot read ".*absent.json": no such file/)]);
    expect(problems({ TENANTS_FILE: tenantsFile('{ "tenants": [') })).toEqual([expect.stringMatching(/^TENANTS_FILE: cannot read .*: not valid JSON/)]);
    expect(problems({ TENANTS_FILE: tenantsFile({ tenants: [{ id: 'a', apiKey: 'typo' }] }) })).toEqual([
      expect.stringMatching(/^TENANTS_FILE tenants.0: Unrecognized key/),
    ]);
    expect(problems({ TENANTS_FILE: tenantsFile({ tenants: [] }) })).toEqual(['TENANTS_FILE tenants: must list at least one tenant']);
    expect(problems({ ...env, TENANTS_FILE: tenantsFile(twoTenants), MICRO1_API_KEY: 'k', AUTH_API_KEYS: CLIENT_KEY })).toEqual([
      'TENANTS_FILE: with a tenants file, tenants and their credentials are set in the file; unset AUTH_API_KEYS, MICRO1_API_KEY',
    ]);
  });

  it('needs client credentials for several tenants (an anonymous request would belong to none)', () => {
    const open = {
      tenants: [
        { id: 'a', vendors: { micro1: { apiKey: 'k' } } },
        { id: 'b', vendors: { micro1: { apiKey: 'k2' } } },
      ],
    };
    expect(problems({ TENANTS_FILE: tenantsFile(open), AUTH_ALLOW_OPEN: 'true' })).toEqual([
      expect.stringMatching(/^TENANTS_FILE: with several tenants, each needs apiKeys/),
    ]);
    // …unless JWTs name the tenant.
    expect(loadConfig({ TENANTS_FILE: tenantsFile(open), AUTH_JWT_SECRET: 's'.repeat(32) }, descriptors).tenants.map((t) => t.id)).toEqual(['a', 'b']);
  });
});
