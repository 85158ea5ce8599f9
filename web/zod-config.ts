/**
 * zod compiles fast parsers with `new Function` unless told not to; the
 * UI's Content-Security-Policy allows no eval, so the organiser chunk
 * turns that off before the worker's schemas are built (imported first).
 */
import { config } from 'zod/mini';

config({ jitless: true });
