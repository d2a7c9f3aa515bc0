import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startApp } from './app/startup';
import { initI18n } from './shared/i18n/i18n';
import './app/global.css';

initI18n();
// Config and Keycloak start before React renders, once per page load (StrictMode-safe).
void startApp();

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
