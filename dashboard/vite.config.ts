import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dashboard is a static single-page app: `vite build` writes dashboard/dist, which the API
 * serves at / (api/routes/dashboard.route.ts). `npm run dev` runs vite's dev server with hot
 * reload and proxies the API paths to a running `radar start` (RADAR_API_URL, default :8080).
 */
const api = process.env.RADAR_API_URL ?? 'http://127.0.0.1:8080';
const proxied = { target: api, changeOrigin: true };

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  server: {
    port: Number(process.env.DASHBOARD_DEV_PORT ?? 5173),
    // SSE goes through the same proxy: http-proxy streams the chunked response as it comes.
    proxy: { '/v1': proxied, '/docs': proxied, '/healthz': proxied, '/metrics': proxied },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // recharts and its d3 helpers are one chunk shared by the pages that chart, loaded only
        // when such a page opens; the shell (sign-in, nav, alert feed) never waits for it.
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](recharts|d3-|victory-vendor|internmap|decimal\.js-light|eventemitter3|es-toolkit|immer|reselect|@reduxjs|redux|react-redux|use-sync-external-store|tiny-invariant|clsx)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)/ },
          ],
        },
      },
    },
  },
});
