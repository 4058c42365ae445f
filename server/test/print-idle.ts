// For server/env.test.ts: loads the environment in a process of its own and prints the staff idle limit.
import { env } from '~/server/env';

console.log(env.STAFF_IDLE_MINUTES);
