export type Language = 'fi' | 'sv' | 'en';

export const texts = {
  fi: { title: 'Hytekello', tagline: 'Pohjois-Pohjanmaan hyvinvointiverkoston yhteinen kalenteri', upcoming: 'Tulevat tapahtumat', loading: 'Ladataan…', failed: 'Tapahtumien lataus epäonnistui.', none: 'Ei tulevia tapahtumia.', cancelled: 'Peruttu', online: 'Verkossa' },
  sv: { title: 'Hytekello', tagline: 'Gemensam kalender för välfärdsnätverket i Norra Österbotten', upcoming: 'Kommande evenemang', loading: 'Laddar…', failed: 'Evenemangen kunde inte laddas.', none: 'Inga kommande evenemang.', cancelled: 'Inställt', online: 'Online' },
  en: { title: 'Hytekello', tagline: 'Shared calendar of the North Ostrobothnia wellbeing network', upcoming: 'Upcoming events', loading: 'Loading…', failed: 'Could not load events.', none: 'No upcoming events.', cancelled: 'Cancelled', online: 'Online' },
} satisfies Record<Language, Record<string, string>>;

export function languageFromLocation(search: string): Language {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'sv' || lang === 'en' ? lang : 'fi';
}

const locales: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "ti 6.10.2026 klo 9.00–12.00" in the event's own time zone. */
export function formatWhen(start: string, end: string, allDay: boolean, timeZone: string, language: Language): string {
  const locale = locales[language];
  if (allDay) {
    const day = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
    return start === end ? day(start) : `${day(start)} – ${day(end)}`;
  }
  const from = new Date(start);
  const to = new Date(end);
  const date = from.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone });
  const time = (d: Date) => d.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  return `${date} ${time(from)}–${time(to)}`;
}
