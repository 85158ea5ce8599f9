/** Slugs of clocks. No zod here: the public pages import it. */

/**
 * The slug of the clock an organisation keeps: `clockSlugOf('oulu')` is
 * 'oulu-vuosikello' (cut to the 60 characters of a slug); null, the
 * regional clock, for no organisation.
 */
export function clockSlugOf(organisation: string): string;
export function clockSlugOf(organisation: string | null): string | null;
export function clockSlugOf(organisation: string | null): string | null {
  return organisation ? `${organisation}-vuosikello`.slice(0, 60) : null;
}
