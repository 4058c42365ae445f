// The seeded patient with a bad week behind them (e2e/history.ts makes them): specs sign in as them without loading services.
export const BAD_WEEK = { email: 'bad-week@e2e.taperline.example', name: 'Bea Badweek', password: 'bad-week-password-1' } as const;
