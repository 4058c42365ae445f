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

/**
 * Two clinicians with an authenticator app (this key: e2e/server.ts gives it to them). Single sign-on
 * without the provider vouching for a second factor asks the first for a code; the second's provider says
 * it used one (amr "mfa", which the e2e server counts: AUTH_OIDC_MFA_CLAIMS=amr:mfa).
 */
export const TWO_STEP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const twoStepClinicians = {
  codeAsked: { email: 'sso-code@e2e.taperline.example', name: 'Cody Code', role: 'clinician', profession: 'nurse', mayPrescribe: false },
  vouched: { email: 'sso-vouched@e2e.taperline.example', name: 'Vera Vouched', role: 'clinician', profession: 'nurse', mayPrescribe: false },
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
  codeAsked: { email: twoStepClinicians.codeAsked.email, emailVerified: true, amr: ['pwd'] },
  vouched: { email: twoStepClinicians.vouched.email, emailVerified: true, amr: ['pwd', 'mfa'] },
} satisfies Record<string, TestOidcAccount>;
