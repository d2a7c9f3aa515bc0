import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { ApiClientContext } from '../shared/api/ApiClientContext';
import { AuthContext } from '../shared/auth/AuthContext';
import { FullPageSpinner } from '../shared/ui/FullPageSpinner';
import { AppConfigProvider } from './AppConfigProvider';
import { createQueryClient } from './queryClient';
import { getRouter } from './router';
import { retryStartup, useStartup } from './startup';
import { StartupErrorPage } from './StartupErrorPage';

/** Renders start-up progress, the start-up error page, or, once Keycloak is ready, the app. */
export function App() {
  const startup = useStartup();
  const [queryClient] = useState(createQueryClient);
  return (
    <AppConfigProvider>
      {startup.status === 'loading' && <FullPageSpinner />}
      {startup.status === 'failed' && <StartupErrorPage step={startup.step} error={startup.error} onRetry={retryStartup} />}
      {startup.status === 'ready' && (
        <AuthContext.Provider value={startup.auth}>
          <ApiClientContext.Provider value={startup.api}>
            <QueryClientProvider client={queryClient}>
              <RouterProvider router={getRouter()} />
            </QueryClientProvider>
          </ApiClientContext.Provider>
        </AuthContext.Provider>
      )}
    </AppConfigProvider>
  );
}
