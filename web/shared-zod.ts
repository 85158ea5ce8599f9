/**
 * worker/shared/zod.ts as the browser has it (web/vite.config.ts puts this
 * module in its place): zod/mini, which checks the same (both are zod's
 * core) at about a third of zod classic's size, and no OpenAPI
 * description, which only the worker's document needs. The shared schemas
 * the browser runs use only what both have (see worker/shared/zod.ts);
 * test/node/browser-schemas.test.ts checks that they find the same issues
 * here as in the worker.
 */
import * as z from 'zod/mini';

export { z };

/** The schema as it is: the browser writes no OpenAPI document. */
export function documented<T>(schema: T, ..._description: unknown[]): T {
  return schema;
}
