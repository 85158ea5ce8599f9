import { LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { useEffect, useMemo } from 'preact/hooks';
import { Layout } from './components/layout';
import { I18nContext, languageOf, makeI18n, useI18n } from './i18n';
import { loadOrganiserText, useLanguageWithTexts } from './i18n/organiser-texts';
import { usePageTitle } from './use-page-title';
import { CalendarPage } from './pages/calendar';
import { EmbedPage } from './pages/embed';
import { EventPage } from './pages/event';

// The clock is loaded when it is opened, so the calendar pages stay small.
const ClockPage = lazy(() => import('./pages/clock').then((module) => module.ClockPage));
const ClockComparePage = lazy(() => import('./pages/clock-compare').then((module) => module.ClockComparePage));
// The organiser and administrator area is one chunk of its own, fetched with its texts in the page's language.
const organiser = () => Promise.all([import('./organiser'), loadOrganiserText(languageOf(location.search))]).then(([module]) => module);
const SignInPage = lazy(() => organiser().then((module) => module.SignInPage));
const InvitationPage = lazy(() => organiser().then((module) => module.InvitationPage));
const MyEventsPage = lazy(() => organiser().then((module) => module.MyEventsPage));
const EventEditorPage = lazy(() => organiser().then((module) => module.EventEditorPage));
const ClockItemsPage = lazy(() => organiser().then((module) => module.ClockItemsPage));
const TokensPage = lazy(() => organiser().then((module) => module.TokensPage));
const ImportsPage = lazy(() => organiser().then((module) => module.ImportsPage));
const PeoplePage = lazy(() => organiser().then((module) => module.PeoplePage));
const OrganisationsPage = lazy(() => organiser().then((module) => module.OrganisationsPage));
const AuditPage = lazy(() => organiser().then((module) => module.AuditPage));

const ClockEmbed = () => (
  <main id="content" class="embed">
    <ClockPage embedded />
  </main>
);

function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t.notFound);
  return <h1>{t.notFound}</h1>;
}

function Pages() {
  const { url, path } = useLocation();
  const language = useLanguageWithTexts(languageOf(url.includes('?') ? url.slice(url.indexOf('?')) : ''));
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
      <Route path="/clock/compare" component={ClockComparePage} />
      <Route path="/embed/clock" component={ClockEmbed} />
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/invitation" component={InvitationPage} />
      <Route path="/manage" component={MyEventsPage} />
      <Route path="/manage/events/new" component={EventEditorPage} />
      <Route path="/manage/events/:id" component={EventEditorPage} />
      <Route path="/manage/clock" component={ClockItemsPage} />
      <Route path="/manage/tokens" component={TokensPage} />
      <Route path="/manage/imports" component={ImportsPage} />
      <Route path="/admin/people" component={PeoplePage} />
      <Route path="/admin/organisations" component={OrganisationsPage} />
      <Route path="/admin/audit" component={AuditPage} />
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
