/**
 * What the UI needs of `@hono/zod-openapi`: its `z`. The worker's schemas
 * call `.openapi(…)` to describe themselves for the OpenAPI document; in
 * the browser that description is not needed, so it returns the schema
 * unchanged, and the UI's chunk does not carry Hono and the OpenAPI
 * generator (vite.config.ts points the import here).
 */
import { z } from 'zod';

const prototype = z.ZodType.prototype as unknown as { openapi?: unknown };
prototype.openapi = function openapi(this: unknown) {
  return this;
};

export { z };
