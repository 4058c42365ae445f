// The staff accounts e2e/server.ts creates before the app starts.
export const STAFF_PASSWORD = 'e2e-staff-password-1';

// Clinicians carry a profession and whether they may prescribe, as an administrator would set them.
export const staff = {
  admin: { email: 'admin@e2e.taperline.example', name: 'Erin Admin', role: 'admin' },
  prescriber: { email: 'prescriber@e2e.taperline.example', name: 'Dr Pat Prescriber', role: 'clinician', profession: 'physician', mayPrescribe: true },
  physio: { email: 'physio@e2e.taperline.example', name: 'Phil Physio', role: 'clinician', profession: 'physiotherapist', mayPrescribe: false },
  outsider: { email: 'outsider@e2e.taperline.example', name: 'Olga Outsider', role: 'clinician', profession: 'physician', mayPrescribe: true },
  // Only the throttling spec signs in as this one (it ends up held back from the test browser's address).
  locked: { email: 'locked@e2e.taperline.example', name: 'Lee Locked', role: 'clinician', profession: 'nurse', mayPrescribe: false },
} as const;
