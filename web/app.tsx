import { LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { useEffect, useMemo } from 'preact/hooks';
import { Layout } from './components/layout';
import { I18nContext, languageOf, makeI18n, useI18n } from './i18n';
import { CalendarPage } from './pages/calendar';
import { EmbedPage } from './pages/embed';
import { EventPage } from './pages/event';

// The clock is loaded when it is opened, so the calendar pages stay small.
const ClockPage = lazy(() => import('./pages/clock').then((module) => module.ClockPage));
const ClockEmbed = () => (
  <main id="content" class="embed">
    <ClockPage embedded />
  </main>
);

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
      <Route path="/clock" component={ClockPage} />
      <Route path="/embed/clock" component={ClockEmbed} />
      <Route default component={NotFoundPage} />
    </Router>
  );
  return <I18nContext.Provider value={i18n}>{path.startsWith('/embed') ? routes : <Layout>{routes}</Layout>}</I18nContext.Provider>;
}

export function App() {
  return (
    <LocationProvider>
      <Pages />
    </LocationProvider>
  );
}
