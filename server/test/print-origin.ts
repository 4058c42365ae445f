// For server/env.test.ts: loads the environment in a process of its own and prints the origin of links.
import { appOrigin } from '~/server/origin';

console.log(appOrigin());
