/** Clocks as routes use them: the clock a request names, with its rings checked. */
import { type ClockRow, readClock } from '../db/clock';
import { NotFoundError, ValidationError } from '../domain/errors';

/** The clock of a slug (the network's regional clock without one); every ring asked for must be one of its rings. */
export async function clockOrFail(db: D1Database, slug: string | undefined, rings: string[]): Promise<ClockRow> {
  const found = await readClock(db, slug ?? null);
  if (!found) throw new NotFoundError('clock', slug ?? '(regional)');
  const unknown = rings.filter((ring) => !found.rings.some((r) => r.slug === ring));
  if (unknown.length > 0) throw new ValidationError([{ field: 'ring', rule: 'exists', message: `\`ring\`: the clock has no ring '${unknown[0]}'` }], 'request');
  return found;
}
