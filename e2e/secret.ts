// The e2e server's AUTH_SECRET, set before anything reads the environment (imported first by e2e/server.ts):
// the seed encrypts authenticator keys with it (server/auth/totp.ts), and the app must read them back.
process.env.AUTH_SECRET ??= 'e2e-secret-e2e-secret-e2e-secret-e2e-0000';
export {};
