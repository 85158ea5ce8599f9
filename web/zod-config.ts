/**
 * zod compiles fast parsers with `new Function` unless told not to; the
 * UI's Content-Security-Policy allows no eval, so the organiser chunk
 * turns that off before the worker's schemas are built (imported first).
 */
import { z } from 'zod';

z.config({ jitless: true });
