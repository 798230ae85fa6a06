/**
 * The SSRF guard for outbound webhooks: which URLs and addresses a webhook may target, at
 * registration (`checkTarget`, with a stubbed resolver: no network) and at connect time
 * (`guardedLookup`, which a DNS-rebinding name cannot slip past).
 */
import type { LookupAddress } from 'node:dns';
import { checkTarget, checkUrlSyntax, guardedLookup, isPublicAddress, TargetRefused, type ResolveAll } from '../../../src/outbound/target-guard';

const STRICT = { allowPrivate: false };
const SANDBOX = { allowPrivate: true };
const PUBLIC_V4 = '93.184.216.34';

/** A resolver answering from a fixed table; a name not in it fails like ENOTFOUND. */
function resolver(table: Record<string, string[]>): ResolveAll & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetRefused);
  return (error as TargetRefused).reason;
}

describe('isPublicAddress', () => {
  it.each([PUBLIC_V4, '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '10.0.0.5',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '::',
    '224.0.0.1',
    '255.255.255.255',
    '240.0.0.1',
    '192.0.2.1',
    '64:ff9b::7f00:1',
    '64:ff9b::a00:5',
    '::7f00:1',
    '2002:7f00:1::1',
    '2001:db8::1',
    'ff02::1',
    'not an address',
    '',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('checkUrlSyntax', () => {
  it('answers the parsed URL for an https URL with a name and any port', () => {
    expect(checkUrlSyntax('https://hooks.example.com:8443/in?x=1', STRICT).href).toBe('https://hooks.example.com:8443/in?x=1');
  });

  it.each([
    ['not a url', 'not a valid absolute URL'],
    ['/relative/path', 'not a valid absolute URL'],
    ['http://hooks.example.com/in', 'Only https:// URLs are accepted.'],
    ['ftp://hooks.example.com/in', 'Only https:// URLs are accepted.'],
    ['https://user:pass@hooks.example.com/in', 'user name or password'],
    ['https://user@hooks.example.com/in', 'user name or password'],
    ['https://hooks.example.com/in#frag', 'fragment'],
    ['https://hooks.example.com/in#', 'fragment'],
    ['https://localhost/in', 'localhost'],
    ['https://LOCALHOST./in', 'localhost'],
    ['https://api.localhost/in', 'localhost'],
    ['https://127.0.0.1/in', '(127.0.0.1)'],
    ['https://2130706433/in', '(127.0.0.1)'],
    ['https://0x7f.1/in', '(127.0.0.1)'],
    ['https://[::1]/in', '(::1)'],
    ['https://10.0.0.5/in', 'private or loopback address (10.0.0.5)'],
    ['https://172.16.3.4/in', '(172.16.3.4)'],
    ['https://192.168.0.10/in', '(192.168.0.10)'],
    ['https://169.254.169.254/latest/meta-data', '(169.254.169.254)'],
    ['https://100.64.1.1/in', '(100.64.1.1)'],
    ['https://[fc00::1]/in', '(fc00::1)'],
    ['https://[fe80::1]/in', '(fe80::1)'],
    ['https://[::ffff:127.0.0.1]/in', '(::ffff:7f00:1)'],
    ['https://0.0.0.0/in', '(0.0.0.0)'],
    ['https://[::]/in', '(::)'],
  ])('refuses %s', (url, words) => {
    let error: unknown;
    try {
      checkUrlSyntax(url, STRICT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TargetRefused);
    expect((error as TargetRefused).reason).toContain(words);
  });

  it('refuses a URL longer than 2048 characters', () => {
    expect(() => checkUrlSyntax(`https://hooks.example.com/${'a'.repeat(2048)}`, STRICT)).toThrow('The URL is longer than 2048 characters.');
  });

  it('accepts a URL of exactly 2048 characters', () => {
    const url = `https://hooks.example.com/${'a'.repeat(2048 - 'https://hooks.example.com/'.length)}`;
    expect(url).toHaveLength(2048);
    expect(checkUrlSyntax(url, STRICT).href).toBe(url);
  });

  it('with allowPrivate, lets http:// and loopback, private and localhost through, but not other schemes, userinfo or fragments', () => {
    expect(checkUrlSyntax('http://127.0.0.1:8080/in', SANDBOX).host).toBe('127.0.0.1:8080');
    expect(checkUrlSyntax('http://[::1]/in', SANDBOX).hostname).toBe('[::1]');
    expect(checkUrlSyntax('http://localhost:3000/in', SANDBOX).hostname).toBe('localhost');
    expect(checkUrlSyntax('https://10.0.0.5/in', SANDBOX).hostname).toBe('10.0.0.5');
    expect(() => checkUrlSyntax('ftp://127.0.0.1/in', SANDBOX)).toThrow('Only http:// and https:// URLs are accepted.');
    expect(() => checkUrlSyntax('http://a:b@127.0.0.1/in', SANDBOX)).toThrow(TargetRefused);
    expect(() => checkUrlSyntax('http://127.0.0.1/in#x', SANDBOX)).toThrow(TargetRefused);
  });
});

describe('checkTarget', () => {
  it('accepts an https URL whose host resolves only to public addresses, resolving it once', async () => {
    const lookup = resolver({ 'hooks.example.com': [PUBLIC_V4, '2606:2800:220:1::1'] });
    const url = await checkTarget('https://hooks.example.com/in', STRICT, lookup);
    expect(url.href).toBe('https://hooks.example.com/in');
    expect(lookup.calls).toEqual(['hooks.example.com']);
  });

  it('refuses http:// before resolving anything', async () => {
    const lookup = resolver({ 'hooks.example.com': [PUBLIC_V4] });
    expect(await refusal(checkTarget('http://hooks.example.com/in', STRICT, lookup))).toBe('Only https:// URLs are accepted.');
    expect(lookup.calls).toEqual([]);
  });

  it.each([
    '127.0.0.1',
    '::1',
    '10.1.2.3',
    '172.16.0.9',
    '192.168.7.7',
    '169.254.169.254',
    '100.64.0.9',
    'fc00::9',
    'fe80::9',
    '::ffff:127.0.0.1',
    '0.0.0.0',
    '::',
  ])('refuses a host resolving to %s, naming the address', async (address) => {
    const lookup = resolver({ 'hooks.example.com': [address] });
    expect(await refusal(checkTarget('https://hooks.example.com/in', STRICT, lookup))).toBe(
      `The URL's host resolves to a private or loopback address (${address}), which is not allowed.`,
    );
  });

  it('refuses a host resolving to one public and one private address', async () => {
    const lookup = resolver({ 'mixed.example.com': [PUBLIC_V4, '10.0.0.5'] });
    expect(await refusal(checkTarget('https://mixed.example.com/in', STRICT, lookup))).toContain('(10.0.0.5)');
  });

  it('refuses a host that cannot be resolved, or resolves to nothing', async () => {
    const lookup = resolver({ 'empty.example.com': [] });
    expect(await refusal(checkTarget('https://nowhere.example.com/in', STRICT, lookup))).toBe('The host could not be resolved.');
    expect(await refusal(checkTarget('https://empty.example.com/in', SANDBOX, lookup))).toBe('The host could not be resolved.');
  });

  it('does not resolve a public IP literal', async () => {
    const lookup = resolver({});
    expect((await checkTarget(`https://${PUBLIC_V4}/in`, STRICT, lookup)).hostname).toBe(PUBLIC_V4);
    expect(lookup.calls).toEqual([]);
  });

  it('with allowPrivate, accepts http:// to a host resolving to loopback', async () => {
    const lookup = resolver({ 'dev.example.test': ['127.0.0.1'] });
    expect((await checkTarget('http://dev.example.test:3000/in', SANDBOX, lookup)).port).toBe('3000');
  });
});

describe('guardedLookup (connect time)', () => {
  type Answer = { error: NodeJS.ErrnoException | null; address: unknown; family?: number };

  function ask(lookup: ReturnType<typeof guardedLookup>, hostname: string, all: boolean): Promise<Answer> {
    return new Promise((resolve) => lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family })));
  }

  /** A callback-style dns.lookup answering from a fixed table, always with every address. */
  function dnsStub(table: Record<string, string[]>): any {
    return (hostname: string, _options: unknown, callback: (error: Error | null, addresses: LookupAddress[]) => void) => {
      const addresses = table[hostname];
      if (!addresses) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
        return;
      }
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    };
  }

  it('refuses localhost (really resolved) when private addresses are not allowed', async () => {
    const { error } = await ask(guardedLookup(STRICT), 'localhost', true);
    expect(error).toBeInstanceOf(TargetRefused);
    expect((error as TargetRefused).reason).toMatch(/private or loopback address \((127\.0\.0\.1|::1)\)/);
  });

  it('lets localhost through with allowPrivate, in the form asked for', async () => {
    const all = await ask(guardedLookup(SANDBOX), 'localhost', true);
    expect(all.error).toBeNull();
    expect((all.address as LookupAddress[]).map((a) => a.address)).toEqual(expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]));
    const one = await ask(guardedLookup(SANDBOX), 'localhost', false);
    expect(one.error).toBeNull();
    expect(one.address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect([4, 6]).toContain(one.family);
  });

  it('refuses a name whose answer now includes a private address, even if the first is public (rebinding)', async () => {
    const lookup = guardedLookup(STRICT, dnsStub({ 'rebind.example.com': [PUBLIC_V4, '169.254.169.254'] }));
    const { error } = await ask(lookup, 'rebind.example.com', false);
    expect(error).toBeInstanceOf(TargetRefused);
    expect((error as TargetRefused).reason).toContain('(169.254.169.254)');
  });

  it('answers public addresses: the first alone, or all when asked', async () => {
    const lookup = guardedLookup(STRICT, dnsStub({ 'hooks.example.com': [PUBLIC_V4, '2606:2800:220:1::1'] }));
    expect(await ask(lookup, 'hooks.example.com', false)).toEqual({ error: null, address: PUBLIC_V4, family: 4 });
    expect(await ask(lookup, 'hooks.example.com', true)).toEqual({
      error: null,
      address: [
        { address: PUBLIC_V4, family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
  });

  it('passes a resolver failure on as it is', async () => {
    const { error } = await ask(guardedLookup(STRICT, dnsStub({})), 'nowhere.example.com', true);
    expect(error?.code).toBe('ENOTFOUND');
  });
});
