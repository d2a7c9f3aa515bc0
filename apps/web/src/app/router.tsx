import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpinner } from '../shared/ui/FullPageSpinner';
import { NotFoundPage } from '../shared/ui/NotFoundPage';
import { AppShell } from './AppShell';
import { HomeRoute } from './HomeRoute';
import { RequireArea } from './RequireArea';
import { RouteErrorPage } from './RouteErrorPage';

/*
 * Each area is its own lazily loaded chunk: opening the public portal downloads none of the
 * counter's, inbox's, designer's, admin's or analytics' code. The guards live in the main
 * chunk, so an anonymous or unauthorised user is turned away before the area's code is used.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageSpinner />, // while the first lazy route chunk loads
    children: [
      { index: true, element: <HomeRoute /> },
      {
        path: 'portal',
        children: [
          { index: true, lazy: async () => ({ Component: (await import('../features/portal/PortalPage')).PortalPage }) },
          {
            // The citizen's own pages: anonymous visitors log in first, staff see 403.
            element: <RequireArea area="portal" />,
            children: [
              { path: 'applications', lazy: async () => ({ Component: (await import('../features/portal/applications/MyApplicationsPage')).MyApplicationsPage }) },
              { path: 'applications/:id', lazy: async () => ({ Component: (await import('../features/portal/applications/ApplicationPage')).ApplicationPage }) },
              { path: 'materials', lazy: async () => ({ Component: (await import('../features/portal/applications/MaterialLibraryPage')).MaterialLibraryPage }) },
              { path: 'notifications', lazy: async () => ({ Component: (await import('../features/portal/applications/NotificationsPage')).NotificationsPage }) },
              { path: 'licences', lazy: async () => ({ Component: (await import('../features/portal/licences/WalletPage')).WalletPage }) },
              { path: 'ledger', lazy: async () => ({ Component: (await import('../features/portal/licences/LedgerPage')).LedgerPage }) },
            ],
          },
        ],
      },
      {
        path: 'counter',
        element: <RequireArea area="counter" />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('../features/counter/CounterPage')).CounterPage }) },
          { path: 'applications/:id', lazy: async () => ({ Component: (await import('../features/counter/CounterApplicationPage')).CounterApplicationPage }) },
        ],
      },
      {
        path: 'inbox',
        element: <RequireArea area="inbox" />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('../features/inbox/InboxPage')).InboxPage }) },
          { path: 'tasks/:taskKey', lazy: async () => ({ Component: (await import('../features/inbox/TaskPage')).TaskPage }) },
          { path: 'notifications', lazy: async () => ({ Component: (await import('../features/inbox/InboxNotificationsPage')).InboxNotificationsPage }) },
          // 办件库 for the inbox's users (approvers, dept-admins, supervisors); shared with the admin area's tab.
          { path: 'cases', lazy: async () => ({ Component: (await import('../features/operations/CaseLibraryPage')).CaseLibraryPage }) },
        ],
      },
      {
        path: 'designer',
        element: <RequireArea area="designer" />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('../features/designer/DesignerPage')).DesignerPage }) },
          { path: 'items/:code', lazy: async () => ({ Component: (await import('../features/designer/ProcessEditorPage')).ProcessEditorPage }) },
        ],
      },
      {
        path: 'admin',
        element: <RequireArea area="admin" />,
        children: [{ index: true, lazy: async () => ({ Component: (await import('../features/admin/AdminPage')).AdminPage }) }],
      },
      {
        path: 'analytics',
        element: <RequireArea area="analytics" />,
        children: [{ index: true, lazy: async () => ({ Component: (await import('../features/analytics/AnalyticsPage')).AnalyticsPage }) }],
      },
      // Public e-licence verification (the QR code's link); no login.
      { path: 'verify', lazy: async () => ({ Component: (await import('../features/verify/VerifyPage')).VerifyPage }) },
      { path: 'verify/:licenceNo', lazy: async () => ({ Component: (await import('../features/verify/VerifyPage')).VerifyPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

let router: ReturnType<typeof createBrowserRouter> | undefined;

/** Created on first use, after Keycloak has cleaned its callback parameters from the URL. */
export function getRouter(): ReturnType<typeof createBrowserRouter> {
  router ??= createBrowserRouter(routes);
  return router;
}
