import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect, useMemo } from 'preact/hooks';
import { Layout } from './components/layout';
import { I18nContext, languageOf, makeI18n, useI18n } from './i18n';
import { CalendarPage } from './pages/calendar';
import { EmbedPage } from './pages/embed';
import { EventPage } from './pages/event';

function NotFoundPage() {
  const { t } = useI18n();
  return <h1>{t.notFound}</h1>;
}

function Pages() {
  const { url, path } = useLocation();
  const language = languageOf(url.includes('?') ? url.slice(url.indexOf('?')) : '');
  const i18n = useMemo(() => makeI18n(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const routes = (
    <Router>
      <Route path="/" component={CalendarPage} />
      <Route path="/events/:id" component={EventPage} />
      <Route path="/embed" component={EmbedPage} />
      <Route default component={NotFoundPage} />
    </Router>
  );
  return <I18nContext.Provider value={i18n}>{path === '/embed' ? routes : <Layout>{routes}</Layout>}</I18nContext.Provider>;
}

export function App() {
  return (
    <LocationProvider>
      <Pages />
    </LocationProvider>
  );
}
