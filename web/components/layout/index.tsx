import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { LANGUAGES, NATIVE_NAMES, useI18n, withLanguage } from '../../i18n';

/** The URL of the current page in another language, keeping everything else. */
function inLanguage(url: string, language: string): string {
  const [path, search = ''] = url.split('?');
  const query = new URLSearchParams(search);
  query.delete('lang');
  if (language !== 'fi') query.set('lang', language);
  const text = query.toString();
  return `${path}${text ? `?${text}` : ''}`;
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { t, language } = useI18n();
  const { url } = useLocation();
  return (
    <>
      <a class="skip-link" href="#content">
        {t.skipToContent}
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <div>
            <a class="brand" href={withLanguage('/', language)}>
              {t.appName}
            </a>
            <p class="tagline">{t.tagline}</p>
          </div>
          <nav aria-label={t.mainNav}>
            <ul class="main-nav">
              <li>
                <a href={withLanguage('/', language)} aria-current={url.split('?')[0] === '/' ? 'page' : undefined}>
                  {t.calendar}
                </a>
              </li>
              <li>
                <a href={withLanguage('/clock', language)} aria-current={url.startsWith('/clock') ? 'page' : undefined}>
                  {t.clock}
                </a>
              </li>
            </ul>
          </nav>
          <nav aria-label={t.languageNav}>
            <ul class="languages">
              {LANGUAGES.map((code) => (
                <li key={code}>
                  <a href={inLanguage(url, code)} lang={code} hrefLang={code} aria-current={code === language ? 'true' : undefined}>
                    {NATIVE_NAMES[code]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="content" class="wrap" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <a href="/api/openapi.json">API (OpenAPI)</a> · <a href={withLanguage('/calendar.ics', language)}>iCalendar</a>
        </div>
      </footer>
    </>
  );
}
