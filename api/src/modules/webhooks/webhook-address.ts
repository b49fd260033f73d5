import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/**
 * Where webhooks may be sent (no server-side request forgery). Everywhere: only public unicast
 * addresses — never private, loopback, link-local, CGNAT, multicast, reserved, unique-local or
 * IPv4-mapped/translated ranges. In development and tests plain `http` and loopback are allowed
 * too, so a receiver on this machine can be used. Checked when a webhook is registered and again
 * on every delivery, by the connection's own DNS lookup (webhookLookup), so a name that resolves
 * elsewhere later (DNS rebinding) cannot reach an inner address.
 */
export type AddressMode = 'production' | 'development';

export const modeOf = (env: 'development' | 'production' | 'test'): AddressMode =>
  env === 'production' ? 'production' : 'development';

/** Raised when an endpoint's address is not one a webhook may reach. */
export class RefusedAddressError extends Error {
  readonly code = 'REFUSED_ADDRESS';
  constructor(message: string) {
    super(message);
    this.name = 'RefusedAddressError';
  }
}

/** Whether a webhook may connect to this IP address (v4 or v6). */
export function addressAllowed(address: string, mode: AddressMode): boolean {
  if (!ipaddr.isValid(address)) {
    return false;
  }
  // A mapped IPv4 address (::ffff:10.0.0.1) is judged as the IPv4 address it reaches.
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  return range === 'unicast' || (mode === 'development' && range === 'loopback');
}

const MAX_URL_LENGTH = 2048;

/** The URL's problem as a sentence, or undefined when it may be registered (before DNS). */
export function urlProblem(url: string, mode: AddressMode): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL such as https://partner.example/webhooks';
  }
  if (url.length > MAX_URL_LENGTH) {
    return `must be at most ${MAX_URL_LENGTH} characters`;
  }
  if (parsed.username || parsed.password) {
    return 'must not contain a user name or password';
  }
  if (parsed.hash) {
    return 'must not contain a fragment (#…)';
  }
  const host = hostOf(parsed);
  if (parsed.protocol === 'http:') {
    if (mode === 'production' || !isLoopbackHost(host)) {
      return 'must use https (plain http only to this machine, in development)';
    }
  } else if (parsed.protocol !== 'https:') {
    return 'must use https';
  }
  if (isIP(host) && !addressAllowed(host, mode)) {
    return 'must be a public address (not private, loopback, link-local or reserved)';
  }
  if (!isIP(host) && mode === 'production' && !host.includes('.')) {
    return 'must name a public host';
  }
  return undefined;
}

/** The hostname without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || (ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the HTTP agent that refuses the connection when any address of the name is not
 * allowed. The socket connects to the addresses checked here and to no others.
 */
export function webhookLookup(mode: AddressMode) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: Number(options.family) || 0 }, (error, addresses) => {
      if (error) {
        callback(error, options.all ? [] : '', 0);
        return;
      }
      const refused = addresses.find((entry) => !addressAllowed(entry.address, mode));
      if (refused || addresses.length === 0) {
        callback(new RefusedAddressError('the endpoint resolves to an address webhooks may not reach'), '', 0);
        return;
      }
      if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, addresses[0]!.address, addresses[0]!.family);
      }
    });
  };
}
