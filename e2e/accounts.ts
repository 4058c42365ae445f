// The staff accounts e2e/server.ts creates before the app starts.
export const STAFF_PASSWORD = 'e2e-staff-password-1';

export const staff = {
  admin: { email: 'admin@e2e.taperline.example', name: 'Erin Admin', role: 'admin' },
  prescriber: { email: 'prescriber@e2e.taperline.example', name: 'Dr Pat Prescriber', role: 'clinician' },
  physio: { email: 'physio@e2e.taperline.example', name: 'Phil Physio', role: 'clinician' },
  outsider: { email: 'outsider@e2e.taperline.example', name: 'Olga Outsider', role: 'clinician' },
  // Only the throttling spec signs in as this one (it ends up locked for 15 minutes).
  locked: { email: 'locked@e2e.taperline.example', name: 'Lee Locked', role: 'clinician' },
} as const;
