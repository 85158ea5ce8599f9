/**
 * zod with `.openapi()`, the description of a schema for the OpenAPI
 * document, as @asteasolutions/zod-to-openapi gives it: the library
 * @hono/zod-openapi builds the worker's document with, which extends the
 * same zod the same way (once: a second call does nothing).
 *
 * zod v4's own `.meta()` would be read too, but the library keeps what
 * `.extend()` and `.nullable()` make of a named schema (an allOf with a
 * $ref) only for `.openapi()`; with `.meta()` the document would inline
 * them.
 *
 * The schemas the browser runs too (text.ts, problems.ts, event-fields.ts)
 * are written with what zod/mini also has: zod's functions and `.check()`
 * (`z.nullish(x)`, `z.string().check(z.maxLength(200))`) instead of the
 * methods of zod classic, and `documented(schema, …)` instead of
 * `.openapi(…)`. The web build gives them web/shared-zod.ts in place of
 * this module: zod/mini, about a third of zod classic's size, and no
 * OpenAPI. The worker's schemas are the same as they were.
 */
import { type ZodOpenAPIMetadata, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// It touches only ZodType's prototype; given the namespace as a value, the browser bundle would keep all of zod
// (every locale's messages) instead of what the schemas use.
extendZodWithOpenApi({ ZodType: z.ZodType } as typeof z);

export { z };

type Metadata<T extends z.ZodType> = Partial<ZodOpenAPIMetadata<z.input<T>>>;

/** `schema.openapi(…)`: the schema described, or named, for the OpenAPI document. */
export function documented<T extends z.ZodType>(schema: T, metadata: Metadata<T>): T;
export function documented<T extends z.ZodType>(schema: T, refId: string, metadata?: Metadata<T>): T;
export function documented<T extends z.ZodType>(schema: T, first: string | Metadata<T>, metadata?: Metadata<T>): T {
  return typeof first === 'string' ? schema.openapi(first, metadata) : schema.openapi(first);
}
