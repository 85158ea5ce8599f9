/** The organiser and administrator area: one lazily loaded chunk, so the public pages stay small. */
import './zod-config';
export { AuditPage } from './pages/audit';
export { ClockItemsPage } from './pages/clock-items';
export { EventEditorPage } from './pages/event-editor';
export { ImportsPage } from './pages/imports';
export { InvitationPage } from './pages/invitation';
export { MyEventsPage } from './pages/my-events';
export { OrganisationsPage } from './pages/admin-organisations';
export { PeoplePage } from './pages/admin-people';
export { SignInPage } from './pages/sign-in';
export { TokensPage } from './pages/tokens';
