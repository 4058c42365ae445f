// Auth.js endpoints (sign-in, sign-out, session, CSRF).
import { handlers } from '~/server/auth';

export const { GET, POST } = handlers;
