/**
 * Temporal for the UI: the browser's own where it has one (Chromium and
 * Firefox do), else temporal-polyfill, fetched only then, as a chunk of its
 * own. The build resolves the worker's `temporal-polyfill` imports here
 * (vite.config.ts), so the shared time rules (worker/shared/time.ts) run
 * on it as the form validates.
 */
import type { Temporal as TemporalApi } from 'temporal-polyfill';

const own = (globalThis as { Temporal?: typeof TemporalApi }).Temporal;

export const Temporal: typeof TemporalApi = own ?? (await import('temporal-polyfill')).Temporal;
