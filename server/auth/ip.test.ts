// The client's address: the socket's peer over a real HTTP server, X-Forwarded-For only from trusted proxy hops.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientAddress, normaliseAddress, throttleKey } from './ip';
import { installPeerAddressStamp, PEER_HEADER } from './peer';

let server: Server;
let port: number;

beforeAll(async () => {
  // As instrumentation.ts does at server start; the server is made after, as Next's is made before: both work.
  installPeerAddressStamp();
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The headers the server received for a request sent from `localAddress` (a loopback address of this machine). */
function receivedHeaders(headers: Record<string, string>, localAddress = '127.0.0.1'): Promise<Headers> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers, localAddress }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => void (body += chunk.toString()));
      res.on('end', () => {
        const received = JSON.parse(body) as IncomingHttpHeaders;
        const h = new Headers();
        for (const [k, v] of Object.entries(received)) if (typeof v === 'string') h.set(k, v);
        resolve(h);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const direct = { trustProxy: false, hops: 1 };

describe('clientAddress without a trusted proxy', () => {
  it('is the socket’s peer address, whatever X-Forwarded-For or X-Real-IP say', async () => {
    const h = await receivedHeaders({ 'x-forwarded-for': '203.0.113.66', 'x-real-ip': '203.0.113.67' }, '127.0.0.2');
    expect(clientAddress(h, direct)).toBe('127.0.0.2');
    expect(clientAddress(await receivedHeaders({}, '127.0.0.3'), direct)).toBe('127.0.0.3');
  });

  it('cannot be forged with the stamp header itself', async () => {
    const h = await receivedHeaders({ [PEER_HEADER]: 'guessed-token 203.0.113.66' }, '127.0.0.4');
    expect(clientAddress(h, direct)).toBe('127.0.0.4');
    // A request that never went through the stamping (or with a made-up stamp) has no address.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(clientAddress(new Headers({ [PEER_HEADER]: 'guessed-token 203.0.113.66', 'x-forwarded-for': '203.0.113.66' }), direct)).toBe('unknown');
    expect(clientAddress(new Headers(), direct)).toBe('unknown');
    warn.mockRestore();
  });
});

describe('clientAddress behind trusted proxies', () => {
  it('takes the entry the outermost trusted proxy wrote: the n-th from the right', async () => {
    const h = await receivedHeaders({ 'x-forwarded-for': '203.0.113.66, 198.51.100.7' }, '127.0.0.5');
    expect(clientAddress(h, { trustProxy: true, hops: 1 })).toBe('198.51.100.7');
    const two = await receivedHeaders({ 'x-forwarded-for': '203.0.113.66, 198.51.100.7, 10.0.0.2' }, '127.0.0.5');
    expect(clientAddress(two, { trustProxy: true, hops: 2 })).toBe('198.51.100.7');
    const spaced = await receivedHeaders({ 'x-forwarded-for': '  [2001:db8::7]:443 ' }, '127.0.0.5');
    expect(clientAddress(spaced, { trustProxy: true, hops: 1 })).toBe('2001:db8::7');
  });

  it('falls back to the peer when the header has fewer entries than hops or no address where it counts', async () => {
    const short = await receivedHeaders({ 'x-forwarded-for': '203.0.113.66' }, '127.0.0.6');
    expect(clientAddress(short, { trustProxy: true, hops: 2 })).toBe('127.0.0.6');
    const none = await receivedHeaders({}, '127.0.0.6');
    expect(clientAddress(none, { trustProxy: true, hops: 1 })).toBe('127.0.0.6');
    const garbage = await receivedHeaders({ 'x-forwarded-for': '203.0.113.66, not-an-address' }, '127.0.0.6');
    expect(clientAddress(garbage, { trustProxy: true, hops: 1 })).toBe('127.0.0.6');
  });
});

describe('normaliseAddress and throttleKey', () => {
  it('writes each address one way', () => {
    expect(['127.0.0.1', '::ffff:127.0.0.1', '1.2.3.4:80'].map(normaliseAddress)).toEqual(['127.0.0.1', '127.0.0.1', '1.2.3.4']);
    expect(['2001:DB8:0:0:1:0:0:1', '[2001:db8::1]:443', 'fe80::1%eth0', '::1', '1:0:0:2:0:0:0:3'].map(normaliseAddress)).toEqual([
      '2001:db8::1:0:0:1', '2001:db8::1', 'fe80::1', '::1', '1:0:0:2::3',
    ]);
    expect(['', 'garbage', '999.1.1.1', undefined].map(normaliseAddress)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('counts IPv4 by the address and IPv6 by its /64', () => {
    expect(throttleKey('198.51.100.7')).toBe('198.51.100.7');
    expect(throttleKey('2001:db8:aaaa:bbbb:cccc::dddd')).toBe('2001:db8:aaaa:bbbb::/64');
    expect(throttleKey('2001:db8:aaaa:bbbb::1')).toBe(throttleKey('2001:db8:aaaa:bbbb:ffff:ffff:ffff:ffff'));
    expect(throttleKey('::1')).toBe('::/64');
    expect(throttleKey('unknown')).toBe('unknown');
  });
});
