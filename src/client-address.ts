import type { Context } from 'hono';
import type { AppEnv } from './env';

/**
 * The client's address, for limits per client. From the configured proxy header when TRUST_PROXY says one is in front
 * (from X-Forwarded-For the last entry counts: the one our own proxy added, not what the client claimed); otherwise
 * from the connection, as the entry point hands it over in `c.env.clientIp` (src/adapters/node-http.ts from the
 * socket; a Worker from CF-Connecting-IP). Undefined when neither is known.
 */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  const header = c.var.deps.config.trustProxyHeader;
  const raw = header ? c.req.header(header)?.split(',').pop() : c.env?.clientIp;
  const address = raw?.trim().slice(0, 64);
  return address ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '') : undefined;
}

/**
 * The part of an address that one client controls: an IPv4 address whole, an IPv6 address by its /64 (one household
 * or server is given a whole /64 and can change the rest at will).
 * @example clientKeyOf('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function clientKeyOf(address: string): string {
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const LOOPBACK = /^(127\.|::1$|0:0:0:0:0:0:0:1$)/;

/**
 * The key per-client limits count under (clientKeyOf of clientAddress), or undefined when there is no telling clients
 * apart: no address, or a loopback peer without TRUST_PROXY — a reverse proxy on the same machine, for which all
 * visitors would share one key and one visitor's guesses would lock everyone out.
 */
export function clientKey(c: Context<AppEnv>): string | undefined {
  const address = clientAddress(c);
  if (!address || (!c.var.deps.config.trustProxyHeader && LOOPBACK.test(address))) return undefined;
  return clientKeyOf(address);
}
