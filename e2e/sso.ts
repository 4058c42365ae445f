// The e2e server's OpenID provider (a real one, on the loopback: server/test/oidc-provider.ts) and the people
// it knows. The app is configured with it as its single sign-on.
import type { TestOidcAccount } from '~/server/test/oidc-provider';
import { staff } from './accounts';
import { e2ePort } from './mail';

export const oidcPort = e2ePort + 2000;
export const oidcName = 'Test Clinic ID';

/** A clinician whose account an administrator disabled; e2e/server.ts creates and disables it. */
export const disabledClinician = {
  email: 'disabled@e2e.taperline.example',
  name: 'Dana Disabled',
  role: 'clinician',
  profession: 'nurse',
  mayPrescribe: false,
} as const;

export const ssoPeople = {
  /** An existing clinician; the provider says it used a password and a one-time code. */
  clinician: { email: staff.physio.email, emailVerified: true, amr: ['pwd', 'otp', 'mfa'] },
  admin: { email: staff.admin.email, emailVerified: true, amr: ['pwd'] },
  /** A colleague known to the provider but with no Taperline account. */
  unknown: { email: 'no-account@e2e.taperline.example', emailVerified: true, amr: ['pwd'] },
  /** An existing account's email, which the provider has not verified. */
  unverified: { email: staff.prescriber.email, emailVerified: false, amr: ['pwd'] },
  disabled: { email: disabledClinician.email, emailVerified: true, amr: ['pwd'] },
} satisfies Record<string, TestOidcAccount>;
