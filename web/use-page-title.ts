import { useEffect } from 'preact/hooks';
import { useI18n } from './i18n';

/**
 * Names the browser tab after what the page shows, in the page's language
 * (WCAG 2.4.2): `usePageTitle('Vuosikello: Taulukko')` → "Vuosikello: Taulukko – Hytekello".
 * `null` while the page does not yet know what it shows.
 */
export function usePageTitle(title: string | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} – ${t.appName}` : t.appName;
  }, [title, t]);
}
