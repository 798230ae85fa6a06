import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where outbound webhooks may go. `allowPrivate` is a sandbox setting: it lets `http://` and
 * loopback, private and link-local addresses through, so a developer can point a webhook at a
 * receiver on their own machine. Off, only `https://` to public unicast addresses is accepted.
 */
export interface TargetPolicy {
  allowPrivate: boolean;
}

/** A webhook URL the gateway will not call. `reason` is written for the API client who gave the URL. */
export class TargetRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TargetRefused';
  }
}

/** Longest URL accepted, in characters (the input and its normalized form). */
export const MAX_TARGET_URL_LENGTH = 2048;

/** Checks what can be told from the URL alone; answers it parsed. No DNS. */
export function checkUrlSyntax(url: string, policy: TargetPolicy): URL {
  if (url.length > MAX_TARGET_URL_LENGTH) throw new TargetRefused(`The URL is longer than ${MAX_TARGET_URL_LENGTH} characters.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TargetRefused('The URL is not a valid absolute URL.');
  }
  // Percent-encoding can lengthen what is sent.
  if (parsed.href.length > MAX_TARGET_URL_LENGTH) throw new TargetRefused(`The URL is longer than ${MAX_TARGET_URL_LENGTH} characters.`);
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol)) {
    throw new TargetRefused(policy.allowPrivate ? 'Only http:// and https:// URLs are accepted.' : 'Only https:// URLs are accepted.');
  }
  // Credentials in a URL end up in logs and in the delivery history shown back to clients.
  if (parsed.username !== '' || parsed.password !== '') throw new TargetRefused('The URL must not contain a user name or password.');
  // An empty `#` leaves `hash` empty but is still a fragment; `#` appears in an href only as its start.
  if (parsed.href.includes('#')) throw new TargetRefused('The URL must not contain a fragment (#…).');
  if (policy.allowPrivate) return parsed;

  const address = ipLiteral(parsed.hostname);
  if (address !== null) {
    if (!isPublicAddress(address)) throw new TargetRefused(privateAddressReason(address, true));
    return parsed;
  }
  // Resolvers answer loopback for these without asking DNS (RFC 6761), and a trailing dot names the same host.
  const host = parsed.hostname.replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw new TargetRefused('The URL points at localhost, which is not allowed.');
  }
  return parsed;
}

/** The address resolver `checkTarget` uses; `dns.promises.lookup` by default (tests stub it). */
export type ResolveAll = (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

/**
 * Checks a URL when a client registers it: the syntax, then every address its host resolves to.
 * Not enough on its own: the name is resolved again when connecting and may answer differently
 * then (DNS rebinding), which is what `guardedLookup` is for.
 */
export async function checkTarget(url: string, policy: TargetPolicy, lookup: ResolveAll = dns.promises.lookup): Promise<URL> {
  const parsed = checkUrlSyntax(url, policy);
  if (ipLiteral(parsed.hostname) !== null) return parsed;
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(parsed.hostname, { all: true });
  } catch {
    throw new TargetRefused('The host could not be resolved.');
  }
  if (addresses.length === 0) throw new TargetRefused('The host could not be resolved.');
  if (!policy.allowPrivate) {
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) throw new TargetRefused(privateAddressReason(refused.address));
  }
  return parsed;
}

/**
 * Whether an address is public unicast. IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as its
 * IPv4 address; anything ipaddr.js puts in a special range (private, loopback, link-local,
 * unique-local, carrier-grade NAT, 0.0.0.0/8, reserved, multicast, broadcast, NAT64, 6to4,
 * Teredo…) is not public, nor is a string that is not an address.
 */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  if (parsed.range() !== 'unicast') return false;
  // ipaddr.js calls everything outside its named IPv6 ranges unicast, including the deprecated
  // IPv4-compatible ::/96 (`::7f00:1`) and unassigned space; only 2000::/3 is allocated as global unicast.
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return false;
  return true;
}

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * A lookup for `net.connect` (undici's `connect.lookup`) that fails the connection with a
 * `TargetRefused` when any address the host resolves to is not public. The check at registration
 * is not enough: the name is resolved again here, at connect time, and a hostile DNS server can
 * answer a public address first and 127.0.0.1 now (DNS rebinding). Node skips the lookup for an
 * IP-literal host, so `checkUrlSyntax` must still run before each request.
 */
export function guardedLookup(policy: TargetPolicy, resolve: typeof dns.lookup = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    // Always resolve all addresses, so none goes unchecked whichever the socket then picks.
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      if (addresses.length === 0) {
        callback(new TargetRefused('The host could not be resolved.'), '', 0);
        return;
      }
      const refused = policy.allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused) {
        callback(new TargetRefused(privateAddressReason(refused.address)), '', 0);
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The address a URL's hostname spells (IPv6 without its brackets), or null for a name. */
function ipLiteral(hostname: string): string | null {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return hostname.slice(1, -1);
  // The URL parser has already rewritten every IPv4 spelling (`0x7f.1`, `2130706433`) as dotted decimal.
  return ipaddr.IPv4.isValidFourPartDecimal(hostname) ? hostname : null;
}

function privateAddressReason(address: string, literal = false): string {
  return `The URL's host ${literal ? 'is' : 'resolves to'} a private or loopback address (${address}), which is not allowed.`;
}
