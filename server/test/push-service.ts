// A push service on 127.0.0.1 for tests (RFC 8030, over https with a certificate made at test time), and a
// browser's side of a subscription: its own key pair and auth secret, and the RFC 8291 decryption it does.
import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, hkdfSync, createDecipheriv, randomBytes, verify, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface LocalPushService {
  /** https://127.0.0.1:<port> */
  origin: string;
  received: ReceivedPush[];
  /** The status the service answers for a path (201 unless set). */
  answer(pathname: string, status: number): void;
  close(): Promise<void>;
}

/**
 * Starts the push service. web-push speaks only https (it sends every request with node:https), so the
 * service has a self-signed certificate for 127.0.0.1, made now with openssl, and the test process trusts
 * exactly that certificate (node:https's default agent gets it as its CA) until `close`.
 */
export async function startPushService(): Promise<LocalPushService> {
  const dir = mkdtempSync(path.join(tmpdir(), 'taperline-push-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  const key = readFileSync(keyFile);
  const cert = readFileSync(certFile);
  rmSync(dir, { recursive: true, force: true });

  const received: ReceivedPush[] = [];
  const answers = new Map<string, number>();
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const pathname = req.url ?? '/';
      received.push({ path: pathname, headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = answers.get(pathname) ?? 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const previousAgent = https.globalAgent;
  https.globalAgent = new https.Agent({ ca: cert });
  return {
    origin: `https://127.0.0.1:${port}`,
    received,
    answer: (pathname, status) => void answers.set(pathname, status),
    close: async () => {
      https.globalAgent.destroy();
      https.globalAgent = previousAgent;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestBrowser {
  endpoint: string;
  p256dh: string;
  auth: string;
  /** Decrypts a push message body meant for this subscription (RFC 8291 over RFC 8188 aes128gcm). */
  decrypt(body: Buffer): string;
}

/** A browser's subscription at `endpoint`: an ECDH P-256 key pair and a 16-byte auth secret of its own. */
export function testBrowser(endpoint: string): TestBrowser {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    endpoint,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: authSecret.toString('base64url'),
    decrypt: (body) => decryptAes128gcm(body, ecdh, authSecret),
  };
}

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/**
 * The user agent's decryption, written from the RFC (not with http_ece, which web-push encrypts with, so a
 * mistake shared by both would not hide): header salt(16) rs(4) idlen(1) keyid(the sender's public key),
 * then records of AES-128-GCM with the key and nonce from HKDF over the ECDH secret and the auth secret.
 */
export function decryptAes128gcm(body: Buffer, receiver: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, not an uncompressed P-256 key`);
  if (ciphertext.length > recordSize) throw new Error('more than one record: a push message fits in one');
  const ecdhSecret = receiver.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.getPublicKey(), senderPublicKey]);
  const ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('the record does not end with the last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

export interface VapidClaims {
  header: { typ?: string; alg?: string };
  claims: { aud?: string; exp?: number; sub?: string };
  /** The k= parameter: the server's public key as the header carries it. */
  publicKey: string;
  signatureValid: boolean;
}

/** Reads `vapid t=<JWT>, k=<key>` (RFC 8292) and checks the JWT's ES256 signature with that key. */
export function readVapidAuthorization(header: string | undefined, expectedPublicKey: string): VapidClaims {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID Authorization header: ${header ?? '(none)'}`);
  const [encodedHeader = '', encodedClaims = '', signature = ''] = match[1].split('.');
  const raw = Buffer.from(expectedPublicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const signatureValid = verify('sha256', Buffer.from(`${encodedHeader}.${encodedClaims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  return {
    header: JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as VapidClaims['header'],
    claims: JSON.parse(Buffer.from(encodedClaims, 'base64url').toString('utf8')) as VapidClaims['claims'],
    publicKey: match[2],
    signatureValid,
  };
}
