/** The iCalendar feed's query: which events, in which language, how cancellations look, a reminder. */
import { z } from './zod';
import { LANGUAGES } from './languages';
import { repeatable } from './text';

/** How a feed shows cancellations (/calendar.ics?cancelled=). */
export const CANCELLED_VIEWS = ['status', 'mark', 'hide'] as const;

export const FeedQuery = z
  .object({
    network: repeatable('Network slug'),
    type: repeatable('Event type slug'),
    municipality: repeatable('Municipality slug'),
    organisation: repeatable('Organisation slug'),
    lang: z.enum(LANGUAGES).optional().openapi({ description: 'Language of titles, descriptions and labels; Finnish where a text has no translation' }),
    key: z.string().max(100, 'must be at most 100 characters').optional().openapi({ description: 'A personal feed key (from POST /api/me/feed): the feed then includes members-only events' }),
    cancelled: z
      .enum(CANCELLED_VIEWS)
      .optional()
      .openapi({
        description:
          'How cancelled events and days look. `status` (default): STATUS:CANCELLED and "Peruttu:" in the title (Apple strikes them through; Google drops them, Outlook removes them). ' +
          '`mark`: kept as confirmed free-time (TRANSP:TRANSPARENT) events titled "Peruttu:" / "Inställt:" / "Cancelled:", so that Google Calendar shows them too. `hide`: left out.',
      }),
    alarm: z.string().optional().openapi({
      description: 'A reminder before every event that is not cancelled (a VALARM DISPLAY), as an ISO 8601 duration of more than zero and at most four weeks: PT15M, PT1H, P1D, P1W. Anything else is a 422 naming `alarm`.',
      example: 'PT1H',
    }),
  })
  .strict();
export type FeedQuery = z.infer<typeof FeedQuery>;
