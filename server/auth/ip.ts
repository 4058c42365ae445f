// The client's address for sign-in throttling and the audit: the socket's peer, or, only behind trusted
// proxies (TRUST_PROXY=1), the entry of X-Forwarded-For that the outermost trusted proxy wrote.
import { isIP } from 'node:net';
import { env } from '~/server/env';
import { stampedPeerAddress } from './peer';

let warnedUnstamped = false;

/**
 * Reads the client's address from a request's headers.
 *
 * Without TRUST_PROXY, X-Forwarded-For is ignored whatever it says: a client can write anything there.
 * With TRUST_PROXY=1 and TRUST_PROXY_HOPS=n, each of the n proxies appends the address it received the
 * request from, so the n-th entry from the right is what the outermost trusted proxy saw; entries to its
 * left were written by the client and are ignored. A header with fewer than n entries means the request
 * did not come through the proxies: then the peer address is used.
 */
export function clientAddress(headers: Headers, config: { trustProxy: boolean; hops: number } = { trustProxy: env.TRUST_PROXY === '1', hops: env.TRUST_PROXY_HOPS }): string {
  const peer = normaliseAddress(stampedPeerAddress(headers));
  if (!peer && !warnedUnstamped) {
    warnedUnstamped = true;
    // A request before the server finished starting, or the stamping is not installed (instrumentation.ts).
    console.warn('[auth] a request without its peer address: counted as "unknown" for sign-in throttling');
  }
  let address = peer;
  if (config.trustProxy) {
    const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const seen = hops.length >= config.hops ? normaliseAddress(hops[hops.length - config.hops]) : undefined;
    address = seen ?? peer;
  }
  return address ?? 'unknown';
}

/**
 * An IP address in one canonical spelling, or undefined when it is not one. Accepts what proxies write:
 * IPv4 with a port, IPv6 in brackets with or without a port, IPv4-mapped IPv6 (made plain IPv4).
 */
export function normaliseAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped?.[1]) a = mapped[1];
  const family = isIP(a);
  if (family === 4) return a;
  if (family === 6) return compressIpv6(expandIpv6(a));
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (lower-case hex, unpadded groups padded to four digits). */
function expandIpv6(a: string): string[] {
  // An embedded IPv4 tail (::1.2.3.4 forms) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const [b1, b2, b3, b4] = v4.slice(1).map(Number) as [number, number, number, number];
    a = `${a.slice(0, v4.index)}${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const [head = '', tail] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) => g.padStart(4, '0'));
}

/** RFC 5952 text: no leading zeros, the longest run of two or more zero groups as '::'. */
function compressIpv6(groups: string[]): string {
  const parts = groups.map((g) => g.replace(/^0+(?=.)/, ''));
  let best = { at: -1, length: 1 };
  for (let i = 0; i < parts.length; ) {
    let j = i;
    while (parts[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j > i ? j : i + 1;
  }
  if (best.at < 0) return parts.join(':');
  return `${parts.slice(0, best.at).join(':')}::${parts.slice(best.at + best.length).join(':')}`;
}

/**
 * What sign-in throttling counts by. IPv4: the address. IPv6: its /64 network, since one machine is
 * usually given a whole /64 and could otherwise take a fresh address for every guess.
 */
export function throttleKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${compressIpv6([...expandIpv6(address).slice(0, 4), '0', '0', '0', '0'])}/64`;
}
