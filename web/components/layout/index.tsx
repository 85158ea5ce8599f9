import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { signOut } from '../../api';
import { LANGUAGES, NATIVE_NAMES, useI18n, withLanguage } from '../../i18n';
import { setSession, useSession } from '../../session';

/** The URL of the current page in another language, keeping everything else. */
function inLanguage(url: string, language: string): string {
  const [path, search = ''] = url.split('?');
  const query = new URLSearchParams(search);
  query.delete('lang');
  if (language !== 'fi') query.set('lang', language);
  const text = query.toString();
  return `${path}${text ? `?${text}` : ''}`;
}

/** Anonymous visitors see only a small "Sign in" link; a signed-in person their name, "My events" and "Sign out". */
function UserMenu() {
  const { t, language } = useI18n();
  const { url, route } = useLocation();
  const me = useSession();
  if (me === undefined) return null;
  if (me === null) {
    if (url.startsWith('/sign-in') || url.startsWith('/invitation')) return null;
    return (
      <a class="sign-in-link" href={withLanguage('/sign-in', language)}>
        {t.signIn}
      </a>
    );
  }
  const leave = async () => {
    try {
      await signOut();
    } finally {
      setSession(null);
      route(withLanguage('/', language));
    }
  };
  return (
    <nav aria-label={t.userNav}>
      <ul class="user-nav">
        <li>
          <span class="visually-hidden">{t.signedInAs} </span>
          <span class="user-name">{me.person?.name}</span>
        </li>
        <li>
          <a href={withLanguage('/manage', language)} aria-current={url.startsWith('/manage') ? 'page' : undefined}>
            {t.myEvents}
          </a>
        </li>
        <li>
          <button type="button" class="link-button sign-out" onClick={leave}>
            {t.signOut}
          </button>
        </li>
      </ul>
    </nav>
  );
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
          <UserMenu />
        </div>
      </header>
      <main id="content" class="wrap" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <a href="/api/docs">API</a> · <a href={withLanguage('/calendar.ics', language)}>iCalendar</a> · <a href={withLanguage('/feed.rss', language)}>RSS</a> ·{' '}
          <a href={withLanguage('/privacy', language)}>{t.privacy}</a>
        </div>
      </footer>
    </>
  );
}
