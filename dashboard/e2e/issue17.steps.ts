import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { shot } from './browser.ts';
import { DELAY_REGION, RISKY_LINES, TRACED_TITLE, scenario, transcript, type Scenario } from './events.ts';
import { languageProblems, type Problem } from './language-walk.ts';
import { until, type Product } from './product.ts';
import { signIn } from './steps.ts';

/**
 * The checks of issue #17, run by dashboard.e2e.test.ts against its one product (starting a
 * second product would cost minutes): product titles, a session page on its own time, the
 * province map, the two-language walk and the role landings.
 */
const idle = (page: Page) => page.waitForFunction(() => document.querySelectorAll('[data-testid=loading]').length === 0, null, { timeout: 60_000 });

export async function productTitles(page: Page, product: Product, traced: Scenario): Promise<void> {
  await until('the traced SKU with its title in the return rates', 150_000, async () => {
    const r = await product.api<{ rows: { title: string | null }[] }>(`/v1/kpi/return-rates?by=sku&search=${encodeURIComponent('补水精华')}`);
    return r.body?.rows?.some((x) => x.title === TRACED_TITLE) ? true : undefined;
  }, 1000);
  // Searching the SKU table by a piece of the title finds the SKU (the API's search, not the page's rows).
  await page.goto(`${product.url}/#/skus?range=7d`);
  await page.fill('[data-testid=sku-search]', '补水精华液 30ml');
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toContain('q=');
  const link = page.locator('[data-testid=sku-rows] tbody tr [data-testid=row-link]', { hasText: traced.sku });
  await link.waitFor({ timeout: 30_000 });
  expect(await link.locator('[data-testid=sku-title]').textContent()).toBe(TRACED_TITLE);
  // Every row the search left has the words in its title or id.
  for (const text of await page.locator('[data-testid=sku-rows] tbody tr [data-testid=row-link]').allTextContents()) expect(text).toContain('补水精华液 30ml');
  await page.screenshot({ path: shot('20-sku-search-by-title'), fullPage: true });
  // The SKU page and the trace name the product too.
  await page.goto(`${product.url}/#/skus/${traced.sku}`);
  await expect.poll(() => page.locator('[data-testid=sku-heading] [data-testid=sku-title]').textContent(), { timeout: 30_000 }).toBe(TRACED_TITLE);
  await page.goto(`${product.url}/#/trace/${traced.orderId}`);
  await expect.poll(() => page.locator('[data-testid=trace-sku]').textContent(), { timeout: 30_000 }).toContain(TRACED_TITLE);
}

export async function oldSessionPage(page: Page, product: Product, old: { s: Scenario; title: string }): Promise<void> {
  await until('the old session in the return rates', 150_000, async () => {
    const from = new Date(old.s.startedAt - 3600_000).toISOString();
    const r = await product.api<{ rows: { key: string }[] }>(`/v1/kpi/return-rates?by=sku&live_session_id=${old.s.session}&from=${encodeURIComponent(from)}`);
    return r.body?.rows?.some((x) => x.key === old.s.sku) ? true : undefined;
  }, 1000);
  // The global range is the default 24 h; the session ran five days ago.
  await page.goto(`${product.url}/#/sessions/${old.s.session}`);
  const skus = page.locator('[data-testid=session-skus]');
  const row = skus.locator('tbody tr [data-testid=row-link]', { hasText: old.s.sku });
  await row.waitFor({ timeout: 30_000 });
  expect(await row.locator('[data-testid=sku-title]').textContent()).toBe(old.title);
  expect(await skus.locator('[data-testid=window-note]').getAttribute('data-scope')).toBe('own');
  // Its refund's reason is counted, over the same window.
  await expect.poll(() => page.locator('[data-testid=reason-panel] [data-testid=window-note]').getAttribute('data-scope'), { timeout: 30_000 }).toBe('own');
  await expect.poll(() => page.locator('[data-testid=reason-panel] .recharts-bar-rectangle path').count(), { timeout: 30_000 }).toBe(1);
  await page.screenshot({ path: shot('21-old-session'), fullPage: true });
}

export async function provinceMap(page: Page, product: Product): Promise<void> {
  await until('the planted delays in the logistics figures', 150_000, async () => {
    const r = await product.api<{ regions: { rows: { region_code: string; delayed: number }[] } }>('/v1/kpi/logistics?limit=100');
    return (r.body?.regions?.rows?.find((x) => x.region_code === DELAY_REGION)?.delayed ?? 0) >= 80 ? true : undefined;
  }, 2000);
  await page.goto(`${product.url}/#/logistics`);
  const map = page.locator('[data-testid=china-map]');
  const planted = map.locator(`[data-testid=province][data-code="${DELAY_REGION}"]`);
  await planted.waitFor({ timeout: 30_000 });
  // The planted province is the darkest: its step is the top one, and none is above it.
  const levels = await map.locator('[data-testid=province]').evaluateAll((els) => els.map((e) => ({ code: e.getAttribute('data-code'), level: Number(e.getAttribute('data-level')), fill: e.getAttribute('fill') })));
  expect(levels.length).toBe(31);
  const top = Math.max(...levels.map((l) => l.level));
  expect(top).toBe(4);
  const mine = levels.find((l) => l.code === DELAY_REGION)!;
  expect(mine.level).toBe(top);
  expect(mine.fill).toBe('#7c2d12');
  // The national rate is in the legend: the page's own figure (one answer), and the API's within
  // a point (the window moves on and live traffic keeps arriving between the two reads).
  const legend = (await page.locator('[data-testid=map-national]').textContent()) ?? '';
  expect(legend).toContain((await page.locator('[data-testid=national-rate]').textContent()) ?? '?');
  const api = await product.api<{ national: { delay_rate: number } }>('/v1/kpi/logistics?limit=1');
  expect(Math.abs(Number(/([\d.]+)%/.exec(legend)?.[1]) - api.body.national.delay_rate * 100)).toBeLessThan(1);
  // Hover: the numbers.
  await planted.hover();
  const tip = page.locator('[data-testid=map-tip]');
  await tip.waitFor();
  expect(await tip.textContent()).toMatch(/青海.*延误率 \d+(\.\d)?%.*延误 \d+ \/ 应达 \d+/s);
  await page.screenshot({ path: shot('22-map-hover') });
  // Click: the page is filtered by the province (URL, table, the figures, the shipments list).
  await planted.click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`region=${DELAY_REGION}`);
  await page.locator('[data-testid=picked-region]').waitFor();
  expect(await page.locator('[data-testid=region-rows] tbody tr.selected').textContent()).toContain('青海');
  expect(await page.locator('[data-testid=shipments-panel]').textContent()).toContain('青海');
  expect(await planted.getAttribute('aria-pressed')).toBe('true');
  // The other metrics redraw the same map.
  await page.click('[data-testid=map-metric-stalled]');
  await expect.poll(() => page.locator('[data-testid=map-metric-stalled]').getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => page.locator('[data-testid=map-national]').textContent()).toMatch(/全国合计 \d/);
  await page.click('[data-testid=map-metric-delay_rate]');
  await page.screenshot({ path: shot('23-map-selected'), fullPage: true });
  await planted.click();
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('region=');
}

/** Every page, in both languages: no missing key, no raw key, no Chinese in the English chrome. */
export async function languageWalk(page: Page, product: Product, traced: Scenario, fingerprint: string | null): Promise<Record<string, Problem[]>> {
  const pages = [
    '#/overview',
    '#/skus?range=7d',
    `#/skus/${traced.sku}`,
    '#/hosts',
    `#/hosts/${traced.host}`,
    `#/sessions/${traced.session}`,
    '#/logistics',
    `#/trace/${traced.orderId}`,
    `#/console?host_id=${traced.host}`,
    '#/alerts',
    ...(fingerprint ? [`#/alerts/${fingerprint}`] : []),
    '#/alerts?tab=evaluations',
    '#/alerts?tab=silences',
  ];
  const found: Record<string, Problem[]> = {};
  for (const lang of ['zh-CN', 'en'] as const) {
    await page.evaluate((l) => localStorage.setItem('radar.lang', l === 'en' ? 'en' : 'zh-CN'), lang);
    for (const hash of pages) {
      // A fresh document per page, so the missing keys noted are this page's.
      await page.goto('about:blank');
      await page.goto(`${product.url}/${hash}`);
      await page.waitForSelector('[data-testid=role-badge]', { timeout: 15_000 });
      await idle(page);
      await page.waitForTimeout(300); // charts draw on the frame after their data
      const problems = await languageProblems(page, lang);
      found[`${lang} ${hash}`] = problems;
      const name = hash.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
      await page.screenshot({ path: shot(`30-walk-${lang}-${name}`), fullPage: true });
    }
  }
  await page.evaluate(() => localStorage.setItem('radar.lang', 'zh-CN'));
  return found;
}

export async function roleLandings(browser: Browser, product: Product): Promise<void> {
  // Category manager: the SKU page, opening with the warnings of their categories.
  const cm = await product.api<{ token: string }>('/v1/tokens', { method: 'POST', body: { role: 'category_manager', categories: ['服饰', '美妆'], name: 'e2e category manager' } });
  expect(cm.status).toBe(201);
  const cmPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await cmPage.goto(`${product.url}/`);
  await signIn(cmPage, cm.body.token);
  await cmPage.waitForSelector('[data-testid=manager-warnings]', { timeout: 15_000 });
  expect(await cmPage.evaluate(() => location.hash)).toMatch(/^(#\/skus|)$/);
  await idle(cmPage);
  const warned = await cmPage.locator('[data-testid=manager-warning]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sku')));
  const api = await product.api<{ rows: { key: string; category: string }[] }>('/v1/kpi/return-rates?by=sku&limit=500&min_orders=30', { token: cm.body.token });
  for (const sku of warned) expect(['服饰', '美妆']).toContain(api.body.rows.find((r) => r.key === sku)?.category);
  await cmPage.screenshot({ path: shot('40-landing-category-manager') });
  await cmPage.close();

  // Ops: the overview.
  const ops = await product.api<{ token: string }>('/v1/tokens', { method: 'POST', body: { role: 'ops', name: 'e2e ops' } });
  const opsPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await opsPage.goto(`${product.url}/`);
  await signIn(opsPage, ops.body.token);
  await opsPage.waitForSelector('[data-testid=kpi-tile] [data-testid=kpi-value]:text-matches("\\\\d")', { timeout: 15_000 });
  await idle(opsPage);
  await opsPage.screenshot({ path: shot('41-landing-ops') });
  await opsPage.close();

  // Host: the console on a 1280×720 tablet; the newest reminder in type readable from 2 m.
  const host = `HOST_E2E_tablet${Date.now() % 100000}`;
  const issued = await product.api<{ token: string }>('/v1/tokens', { method: 'POST', body: { role: 'host', host_id: host, name: 'e2e tablet host' } });
  const tablet = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await tablet.goto(`${product.url}/`);
  await signIn(tablet, issued.body.token);
  await tablet.waitForSelector('[data-testid=console-page] [data-testid=stream-status][data-status=open]', { timeout: 15_000 });
  const s = scenario(host.slice(-8));
  s.host = host;
  const posted = await product.api('/v1/events/livestream-transcripts', { method: 'POST', body: [{ ...transcript(s, RISKY_LINES[0]!, 120_000), occurred_at: new Date().toISOString() }] });
  expect(posted.status).toBe(200);
  const phrase = tablet.locator('[data-testid=reminder] [data-testid=big-phrase]').first();
  await phrase.waitFor({ timeout: 5_000 });
  // Letters of ~9 mm at 2 m: 48 CSS px and more on a 10" 1280×720 screen.
  const px = (sel: string) => tablet.locator(`[data-testid=reminder] [data-testid=${sel}]`).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(await px('big-phrase')).toBeGreaterThanOrEqual(48);
  expect(await px('big-alt')).toBeGreaterThanOrEqual(32);
  expect(await px('big-rule')).toBeGreaterThanOrEqual(24);
  expect((await tablet.locator('[data-testid=big-rule]').first().textContent())?.length).toBeGreaterThan(0);
  // All three fit on the screen without scrolling.
  const bottom = await tablet.locator('[data-testid=reminder] [data-testid=big-alt]').first().evaluate((e) => e.getBoundingClientRect().bottom);
  expect(bottom).toBeLessThanOrEqual(720);
  expect(await tablet.locator('[data-testid=sound-toggle]').count()).toBe(1);
  await tablet.screenshot({ path: shot('42-landing-host-tablet') });
  await tablet.close();
}
