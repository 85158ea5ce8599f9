/**
 * zod with `.openapi()`, the description of a schema for the OpenAPI
 * document, as @asteasolutions/zod-to-openapi gives it: the library
 * @hono/zod-openapi builds the worker's document with, which extends the
 * same zod the same way (once: a second call does nothing).
 *
 * zod v4's own `.meta()` would be read too, but the library keeps what
 * `.extend()` and `.nullable()` make of a named schema (an allOf with a
 * $ref) only for `.openapi()`; with `.meta()` the document would inline
 * them. The browser runs the same extension (about 2 KB gzipped), so the
 * schemas are the same objects in both places.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// It touches only ZodType's prototype; given the namespace as a value, the browser bundle would keep all of zod
// (every locale's messages) instead of what the schemas use.
extendZodWithOpenApi({ ZodType: z.ZodType } as typeof z);

export { z };
