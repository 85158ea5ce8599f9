/**
 * Windows time-zone names, as Outlook and Exchange write them in TZID, and
 * the IANA zone each stands for: the "001" (default) rows of CLDR's
 * windowsZones mapping, from Unicode's own JSON of it (cldr-core), so that
 * a new Windows zone or a moved one (Central Asia Standard Time became
 * Asia/Bishkek when Kazakhstan left UTC+6) comes with an update of the
 * package. CLDR writes the older names (Asia/Calcutta, Europe/Kiev);
 * `canonicalTimeZone` (zones.ts) turns them into today's.
 */
import cldr from 'cldr-core/supplemental/windowsZones.json';

/** Ours over CLDR's: a Finnish calendar means Finland, and Outlook may write UTC's display name. */
const OURS: Readonly<Record<string, string>> = {
  // CLDR: Europe/Kiev. Helsinki, Kyiv, Riga, Sofia, Tallinn and Vilnius keep the same rules.
  'FLE Standard Time': 'Europe/Helsinki',
  'Coordinated Universal Time': 'UTC',
};

const BY_LOWER_CASE = new Map([
  ...cldr.supplemental.windowsZones.mapTimezones.filter(({ mapZone }) => mapZone._territory === '001').map(({ mapZone }) => [mapZone._other.toLowerCase(), mapZone._type] as const),
  ...Object.entries(OURS).map(([name, zone]) => [name.toLowerCase(), zone] as const),
]);

/** The IANA zone of a Windows zone name (any letter case), or null. */
export function windowsZone(name: string): string | null {
  return BY_LOWER_CASE.get(name.trim().toLowerCase()) ?? null;
}
