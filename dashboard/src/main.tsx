import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { storedToken } from './api/http.ts';
import { App } from './app.tsx';
import { prefetch } from './queries/prefetch.ts';
import { BOOT_NOW } from './filters/boot-time.ts';
import { kpiQuery } from './filters/kpi-query.ts';
import { resolveRange, roundNow } from './filters/time-range.ts';
import { initI18n } from './i18n/i18n.ts';
import { parseHash } from './router/hash-route.ts';
import './styles.css';

// Signed in and opening the overview: ask for the KPI tiles now, while the rest loads.
const route = parseHash(window.location.hash);
if (storedToken() && (route.path[0] ?? 'overview') === 'overview') {
  prefetch('/v1/kpi/overview', kpiQuery(resolveRange(route.query, roundNow(BOOT_NOW)), route.query));
}

initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
