/**
 * Where announcements may go. An organizer names a URL; the worker posts to it from inside the
 * company's network, so a URL could otherwise reach what only the server reaches: itself
 * (127.0.0.1), the cloud's metadata service (169.254.169.254), or the database's port. By default a
 * delivery is refused when the address it would connect to is loopback, link-local, unspecified
 * (0.0.0.0, ::), multicast or broadcast, or when its port is one of the service's own (its HTTP
 * port, metrics port, PostgreSQL's port). Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7)
 * are allowed: on-premises chat servers live there. DESTINATIONS_ALLOW lists networks that are
 * allowed all the same (a chat stand-in on loopback, say).
 *
 * The check is made on the address actually connected to, at delivery time: the name is resolved
 * by our own lookup, which refuses before the connection is made (so a name that resolves to a
 * public address when saved and to 127.0.0.1 later gains nothing), and redirects are not followed.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { allowList } from '../../core/networks';

export { allowList };

export interface EgressPolicy {
  /** networks (CIDR or single addresses) allowed although their class is refused */
  allow: string[];
  /** ports never posted to: the service's own */
  ownPorts: number[];
}

export const STRICT: EgressPolicy = { allow: [], ownPorts: [] };

const REFUSED: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['255.255.255.255', 32, 'ipv4', 'broadcast'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];
const refusedLists = REFUSED.map(([a, p, f, why]) => {
  const l = new net.BlockList();
  l.addSubnet(a, p, f);
  return { l, why };
});

/** An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 one. */
const plain = (address: string) => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
};

/** Why a connection to address:port is refused, or null when it is allowed. */
export function refusal(address: string, port: number, policy: EgressPolicy, allowed = allowList(policy.allow)) {
  if (policy.ownPorts.includes(port)) return `port ${port} is this service's own`;
  const a = plain(address);
  const family = net.isIP(a) === 6 ? 'ipv6' : 'ipv4';
  if (allowed.check(a, family)) return null;
  const hit = refusedLists.find((r) => r.l.check(a, family));
  return hit ? `${a} is ${hit.why} (allow it with DESTINATIONS_ALLOW)` : null;
}

export class EgressRefused extends Error {}

/**
 * POSTs a body and answers the status code (the answer's body is read and thrown away: the log keeps
 * status and timing, never what the destination said). Rejects on refusal, network error or timeout.
 */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: EgressPolicy,
  timeoutMs: number,
): Promise<number> {
  const u = new URL(url);
  const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  const allowed = allowList(policy.allow);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const literal = net.isIP(host) ? refusal(host, port, policy, allowed) : null;
  if (literal) return Promise.reject(new EgressRefused(`refused: ${literal}`));
  if (policy.ownPorts.includes(port))
    return Promise.reject(new EgressRefused(`refused: port ${port} is this service's own`));
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: dns.LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const bad = addresses.map((a) => refusal(a.address, port, policy, allowed)).find(Boolean);
      if (bad) return callback(new EgressRefused(`refused: ${hostname} resolves to ${bad}`), '', 4);
      if ((options as dns.LookupOptions).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
  return new Promise((resolve, reject) => {
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}
