import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Page } from '../auth/access.ts';
import type { PageProps } from './page-props.ts';

/**
 * Page components, each loaded on first visit (its own chunk; recharts comes with the first
 * page that charts). Paths: overview, skus[/:sku], hosts[/:host], sessions/:session,
 * logistics, alerts[/:fingerprint], console, trace[/:order].
 */
type Lazy = LazyExoticComponent<ComponentType<PageProps>>;

const named = <K extends string>(load: () => Promise<Record<K, ComponentType<PageProps>>>, name: K): Lazy =>
  lazy(() => load().then((m) => ({ default: m[name] })));

export const PAGE_COMPONENTS: Record<string, { page: Page; component: Lazy }> = {
  overview: { page: 'overview', component: named(() => import('./overview/overview-page.tsx'), 'OverviewPage') },
  skus: { page: 'skus', component: named(() => import('./skus/skus-page.tsx'), 'SkusPage') },
  hosts: { page: 'hosts', component: named(() => import('./hosts/hosts-page.tsx'), 'HostsPage') },
  sessions: { page: 'hosts', component: named(() => import('./hosts/session-page.tsx'), 'SessionPage') },
  logistics: { page: 'logistics', component: named(() => import('./logistics/logistics-page.tsx'), 'LogisticsPage') },
  alerts: { page: 'alerts', component: named(() => import('./alerts/alerts-page.tsx'), 'AlertsPage') },
  console: { page: 'console', component: named(() => import('./console/console-page.tsx'), 'ConsolePage') },
  trace: { page: 'trace', component: named(() => import('./trace/trace-page.tsx'), 'TracePage') },
};

/** Pages without the global time range bar. */
export const NO_FILTER_BAR = new Set(['console', 'trace']);
