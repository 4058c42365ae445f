// Password hashing (argon2id) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { commonPasswords } from './common-passwords';

// OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane. Algorithm 2 is Argon2id.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('taperline-timing-equaliser');
  return dummyHash;
}

export const passwordSchema = z
  .string()
  .min(8, 'Use at least 8 characters.')
  .max(128, 'Use at most 128 characters.')
  .refine((p) => !commonPasswords.has(p.toLowerCase()), 'This password is too common. Choose another one.');
