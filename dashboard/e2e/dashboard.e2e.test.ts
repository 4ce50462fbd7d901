import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSize, main as buildDashboard } from '../scripts/build-dashboard.mjs';
import { ARTIFACTS, launchChromium, shot } from './browser.ts';
import { OVERDUE_REGION, RISKY_LINES, TRACED_RISKY_LINE, oldSession, overdueShipment, plantedDelays, scenario, tracedOrder, transcript, type Scenario } from './events.ts';
import { languageWalk, oldSessionPage, productTitles, provinceMap, roleLandings } from './issue17.steps.ts';
import { startProduct, until, type Product } from './product.ts';
import { signIn, timeToNumbers } from './steps.ts';

/**
 * End to end, in Debian's Chromium against the real product (`radar start`: embedded
 * ClickHouse, simulator with a 2-day backfill, live traffic): sign in, KPI tiles with numbers,
 * an injected alert arriving live and acknowledged, the language switch, the host console
 * showing a wording reminder within a second of its transcript event, and an order trace.
 * Screenshots go to test-artifacts/dashboard/.
 */
let product: Product;
let browser: Browser;
let traced: Scenario;
let overdueOrder: string;
let old: ReturnType<typeof oldSession>;
let alertFingerprint: string | null = null;
const measured: Record<string, unknown> = {};

beforeAll(async () => {
  await buildDashboard([]);
  const size = bundleSize();
  measured.bundle = { gzip_kb: +(size.gzip / 1024).toFixed(1), js_gzip_kb: +(size.js_gzip / 1024).toFixed(1), files: size.files, largest: size.largest };
  console.log(`dashboard bundle: ${(size.gzip / 1024).toFixed(1)} KB gzipped (JS ${(size.js_gzip / 1024).toFixed(1)} KB), largest ${size.largest.file}`);
  expect(size.gzip).toBeLessThanOrEqual(350 * 1024);

  product = await startProduct({ backfillDays: 2, simRate: 20 });
  // The KPI job turns the backfill into figures within its first runs.
  await until('KPI figures from the backfill', 240_000, async () => {
    const r = await product.api<{ tiles: { key: string; value: number | null }[] }>('/v1/kpi/overview');
    return (r.body?.tiles?.find((t) => t.key === 'refund_requests')?.value ?? 0) > 0 ? true : undefined;
  }, 1000);

  traced = scenario(`trace${Date.now() % 100000}`);
  const ev = tracedOrder(traced);
  const overdue = overdueShipment(traced);
  overdueOrder = overdue.orderId;
  old = oldSession(`${Date.now() % 100000}`);
  const delays = plantedDelays(traced);
  for (const [topic, events] of [
    ['orders', [...ev.orders, ...overdue.orders, ...old.orders, ...delays.orders]],
    ['livestream-transcripts', [...ev.transcripts, ...old.transcripts]],
    ['refunds', [...ev.refunds, ...old.refunds]],
    ['logistics', [...overdue.logistics, ...delays.logistics]],
  ] as const) {
    const r = await product.api<{ accepted: number }>(`/v1/events/${topic}`, { method: 'POST', body: events });
    expect(r.status, `${topic}: ${JSON.stringify(r.body)}`).toBe(200);
  }
  browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'measurements.json'), `${JSON.stringify(measured, null, 2)}\n`);
  // What the product logged (warnings and errors: a failed KPI run, a rejected event), for a failure's post-mortem.
  if (product) writeFileSync(join(ARTIFACTS, 'product.log'), product.output());
  await browser?.close();
  await product?.stop();
});

describe('dashboard in a real browser against the real product', () => {
  let page: Page;

  it('signs in with a token and shows the KPI tiles with numbers, fast', async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${product.url}/`);
    await signIn(page, product.adminToken);
    await page.waitForSelector('[data-testid=kpi-tile] [data-testid=kpi-value]:text-matches("\\\\d")', { timeout: 15_000 });
    expect(await page.locator('[data-testid=kpi-tile]').count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => page.locator('[data-testid=window-note]').first().textContent()).toMatch(/窗口 .+ 对比 /);

    // Navigation → numbers on screen, five fresh loads of the overview (the simulator keeps
    // writing and the KPI and alert jobs keep running meanwhile, as in real use).
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await timeToNumbers(page, `${product.url}/#/overview`));
    const sorted = [...times].sort((a, b) => a - b);
    measured.time_to_numbers_ms = { runs: times, best: sorted[0], median: sorted[2], worst: sorted[4] };
    console.log(`time from navigation to KPI numbers: ${times.map((t) => `${t} ms`).join(', ')} (median ${sorted[2]} ms)`);
    expect(sorted[0]).toBeLessThanOrEqual(1500);
    await page.waitForSelector('[data-testid=trend-chart] svg', { timeout: 15_000 });
    await page.screenshot({ path: shot('01-overview'), fullPage: true });
  });

  it('shows an injected alert in the live feed without a reload, and acknowledges it', async () => {
    await page.waitForSelector('[data-testid=alert-feed] [data-testid=stream-status][data-status=open]', { timeout: 15_000 });
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    // Five risky phrases from one host within ten minutes: the wording rule's ops alert.
    const burst = scenario(`burst${Date.now() % 100000}`, Date.now() - 60_000);
    const lines = RISKY_LINES.slice(0, 5).map((text, i) => ({ ...transcript(burst, text, 60_000 + i * 5000), occurred_at: new Date(Date.now() - 5000 + i * 500).toISOString() }));
    const posted = await product.api('/v1/events/livestream-transcripts', { method: 'POST', body: lines });
    expect(posted.status).toBe(200);

    const item = page.locator('[data-testid=alert-feed] [data-testid=alert-item][data-rule=risky_host_wording]', { hasText: burst.host });
    await item.waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await item.getAttribute('data-state')).toBe('firing');
    await page.screenshot({ path: shot('02-alert-arrived'), fullPage: true });

    const fingerprint = (await item.getAttribute('data-fingerprint'))!;
    alertFingerprint = fingerprint;
    await item.locator('[data-testid=alert-ack]').click();
    await page.waitForSelector(`[data-testid=alert-item][data-fingerprint="${fingerprint}"][data-state=acknowledged]`, { timeout: 10_000 });
    const stored = await product.api<{ alert: { state: string; acknowledged_by: string | null } }>(`/v1/alerts/${fingerprint}`);
    expect(stored.body.alert.state).toBe('acknowledged');
    await page.screenshot({ path: shot('03-alert-acknowledged'), fullPage: true });

    // The alerts centre shows its evidence and history.
    await page.goto(`${product.url}/#/alerts/${fingerprint}?state=acknowledged`);
    await page.waitForSelector('[data-testid=evidence]', { timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid=detail-state]').textContent()).toBe('已确认');
    await page.screenshot({ path: shot('04-alert-centre'), fullPage: true });
  });

  it('switches to English and back', async () => {
    await page.goto(`${product.url}/#/overview`);
    await page.waitForSelector('[data-testid=kpi-value]:text-matches("\\\\d")', { timeout: 15_000 });
    expect(await page.locator('[data-testid=nav-overview]').textContent()).toBe('总览');
    await page.click('[data-testid=lang-switch]');
    await expect.poll(() => page.locator('[data-testid=nav-overview]').textContent()).toBe('Overview');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.locator('[data-testid=kpi-panel] h2').textContent()).toBe('Key figures');
    await page.screenshot({ path: shot('05-english'), fullPage: true });
    await page.click('[data-testid=lang-switch]');
    await expect.poll(() => page.locator('[data-testid=nav-overview]').textContent()).toBe('总览');
  });

  it('opens an order trace: session, what was said, the promise, the refund', async () => {
    await page.goto(`${product.url}/#/trace`);
    await page.fill('[data-testid=trace-input]', traced.orderId);
    await page.click('[data-testid=trace-submit]');
    await page.waitForSelector('[data-testid=trace-order]', { timeout: 10_000 });
    expect(await page.locator('[data-testid=trace-policy]').textContent()).toBe('七天无理由');
    await page.waitForSelector('[data-testid=order-moment]');
    expect(await page.locator('[data-testid=trace-transcript]').textContent()).toContain('支持七天无理由退货');
    expect(await page.locator('[data-testid=trace-refunds]').textContent()).toContain(`RF_E2E_${traced.host}`);
    await page.screenshot({ path: shot('06-order-trace'), fullPage: true });
  });

  it('renders every page with data and no error at 1366×768', async () => {
    const pages: [string, string, string][] = [
      ['09-skus', '#/skus?range=7d', '[data-testid=sku-rows] tbody tr'],
      ['10-sku', `#/skus/${traced.sku}`, '[data-testid=sku-page] [data-testid=sku-session-rows] tbody tr'],
      ['11-hosts', '#/hosts', '[data-testid=host-table] tbody tr'],
      ['12-session', `#/sessions/${traced.session}`, '[data-testid=session-page] [data-testid=minute-chart] svg'],
      ['13-logistics', '#/logistics', '[data-testid=region-rows] tbody tr'],
      // Rules run every 10–15 minutes: a young product may have no evaluation yet (its empty state).
      ['14-evaluations', '#/alerts?tab=evaluations', '[data-testid=evaluations] tbody tr, [data-testid=evaluations] .empty'],
    ];
    for (const [name, hash, ready] of pages) {
      await page.goto(`${product.url}/${hash}`);
      // Figures of the events posted for this test reach the KPI tables at the KPI job's next run.
      await page.waitForSelector(ready, { timeout: 100_000 });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=loading]').length === 0, null, { timeout: 30_000 });
      expect(await page.locator('.error-box').count(), `${hash}: ${await page.locator('.error-box').allTextContents()}`).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${hash} fits 1366 px`).toBe(true);
      await page.screenshot({ path: shot(name), fullPage: true });
    }
  }, 400_000);

  it('opens a SKU page: its return-rate trend, its rate against the baseline, the session and host that sold it', async () => {
    // The order and its refund were posted one after the other, so the KPI job (every minute)
    // may fold them in on different runs: the page is opened once the refund is in the figures.
    await until('the traced refund in the return rates', 150_000, async () => {
      const r = await product.api<{ rows: { refunded_orders: number }[] }>(`/v1/kpi/return-rates?by=sku&sku_id=${encodeURIComponent(traced.sku)}`);
      return r.body?.rows?.[0]?.refunded_orders === 1 ? true : undefined;
    }, 1000);
    await page.goto(`${product.url}/#/skus/${traced.sku}`);
    const sku = page.locator('[data-testid=sku-page]');
    // The traced order is this SKU's only order in the window, and it has a refund: 100 %.
    await expect.poll(() => sku.locator('[data-testid=sku-return-rate]').textContent(), { timeout: 30_000 }).toMatch(/^100\.0%/);
    // The trend has the SKU's order hour as a point (a lone point is drawn as a dot), with the previous period's line.
    await sku.locator('[data-testid=trend-chart] .recharts-line-dots circle').first().waitFor({ timeout: 30_000 });
    expect(await sku.locator('[data-testid=trend-chart] .recharts-legend-item').count()).toBe(2);
    const sessionLink = sku.locator('[data-testid=sku-session-rows] tbody tr [data-testid=row-link]');
    await expect.poll(() => sessionLink.allTextContents(), { timeout: 30_000 }).toEqual([traced.session]);
    expect(await sku.locator('[data-testid=sku-host-rows] tbody tr [data-testid=row-link]').allTextContents()).toEqual([traced.host]);
    expect(await sku.locator('[data-testid=sku-session-rows] tbody tr td.num').first().textContent()).toBe('1');
    // Sorting is kept in the URL, per table.
    await sku.locator('[data-testid=sku-sessions] th button', { hasText: '退货率' }).first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('s_sort=return_rate');
    await expect.poll(() => sessionLink.allTextContents(), { timeout: 30_000 }).toEqual([traced.session]);
    expect(await sku.locator('[data-testid=sku-sessions] th[aria-sort]').textContent()).toContain('退货率');
    await page.screenshot({ path: shot('15-sku-detail'), fullPage: true });

    await sessionLink.first().click();
    await page.waitForSelector('[data-testid=session-page]');
    expect(await page.evaluate(() => decodeURIComponent(location.hash))).toContain(`#/sessions/${traced.session}`);
  }, 240_000);

  it('opens a session page: the transcript with the wording hits marked at their spans, viewer topics, orders per minute', async () => {
    if (!page.url().includes(`/sessions/`)) await page.goto(`${product.url}/#/sessions/${traced.session}`);
    const line = page.locator('[data-testid=transcript-line]', { has: page.locator('mark[data-term="全网最低价"]') });
    await line.waitFor({ timeout: 30_000 });
    // The line reads as spoken (the tooltips sit beside the marks, not in the text).
    expect(await line.locator('.text').evaluate((el) => Array.from(el.childNodes, (n) => (n instanceof HTMLElement && n.classList.contains('hit-wrap') ? n.querySelector('mark')!.textContent : n.textContent)).join(''))).toBe(TRACED_RISKY_LINE);
    const marks = line.locator('mark[data-testid=wording-hit]');
    // Each mark is exactly the span the detector reported: the text between its offsets.
    const marked = await marks.evaluateAll((els) => els.map((e) => ({ text: e.textContent, start: Number(e.getAttribute('data-start')), end: Number(e.getAttribute('data-end')) })));
    expect(marked.map((m) => m.text)).toEqual(expect.arrayContaining(['绝对', '全网最低价']));
    for (const m of marked) expect(TRACED_RISKY_LINE.slice(m.start, m.end)).toBe(m.text);
    // Keyboard focus shows the rule and the safer wording.
    const wrap = line.locator('.hit-wrap', { has: page.locator('mark[data-term="全网最低价"]') });
    const tip = wrap.locator('[data-testid=hit-tip]');
    expect(await tip.isVisible()).toBe(false);
    await wrap.locator('mark').focus();
    await tip.waitFor({ state: 'visible' });
    // The rule by its name, not its id (issue #17); the id stays in an attribute.
    expect(await tip.textContent()).toContain('最低价宣称');
    expect(await tip.locator('[data-rule="absolute.lowest_price"]').count()).toBe(1);
    expect((await tip.locator('[data-testid=hit-alternative]').textContent())?.length).toBeGreaterThan(0);
    // The viewport as the person sees it (the tooltip is fixed to the viewport, which a full-page capture resizes).
    await page.screenshot({ path: shot('16-session-timeline') });
    // The viewer's authenticity question is tagged, and counted among the session's topics.
    expect(await page.locator('[data-testid=transcript-line]', { hasText: '是正品吗' }).locator('[data-testid=line-topic]').allTextContents()).toEqual(['真假/正品']);
    expect(await page.locator('[data-testid=topics-panel] .badge.topic').allTextContents()).toEqual(['真假/正品 1']);
    expect(await page.locator('[data-testid=topic-chart] .recharts-bar-rectangle path').count()).toBe(1);
    // Orders per minute: one bar for the traced order's minute.
    expect(await page.locator('[data-testid=minute-chart] .recharts-bar-rectangle path').count()).toBeGreaterThanOrEqual(1);
    // "Only hits and questions" keeps the marked lines and drops the rest.
    await page.getByText('只看命中与提问').click();
    await expect.poll(() => page.locator('[data-testid=transcript-line]').allTextContents()).not.toContainEqual(expect.stringContaining('三号链接'));
    expect(await line.count()).toBe(1);
    // The same page in English.
    await page.click('[data-testid=lang-switch]');
    await expect.poll(() => page.locator('[data-testid=transcript-panel] h2').textContent()).toBe('Transcript timeline');
    expect(await page.locator('[data-testid=line-topic]').allTextContents()).toEqual(['Authenticity']);
    expect(await line.locator('[data-testid=hit-tip]').first().textContent()).toContain('Say instead:');
    await page.screenshot({ path: shot('16-session-english'), fullPage: true });
    await page.click('[data-testid=lang-switch]');
    await expect.poll(() => page.locator('[data-testid=transcript-panel] h2').textContent()).toBe('话术时间线');
  });

  it('lists the pickup-overdue and stalled shipments the API reports, each order opening its trace', async () => {
    // The injected parcel (created 26 h ago, never picked up) reaches the backlog at the KPI job's next run.
    const q = `kind=pickup_overdue&region=${OVERDUE_REGION}&limit=20`;
    await until('the injected shipment in the pickup-overdue list', 120_000, async () => {
      const r = await product.api<{ rows: { order_id: string }[] }>(`/v1/kpi/logistics/shipments?${q}`);
      return r.body?.rows?.some((x) => x.order_id === overdueOrder) ? true : undefined;
    }, 2000);
    await page.goto(`${product.url}/#/logistics?region=${OVERDUE_REGION}`);
    const panel = page.locator('[data-testid=shipments-panel]');
    await panel.locator('[data-testid=shipments-kind-pickup_overdue]').click();
    await expect.poll(() => panel.locator('[data-testid=shipments-kind-pickup_overdue]').getAttribute('aria-pressed')).toBe('true');
    const orders = panel.locator('[data-testid=shipment-order]');
    await expect.poll(() => orders.allTextContents(), { timeout: 30_000 }).toContain(overdueOrder);
    const api = await product.api<{ total: number }>(`/v1/kpi/logistics/shipments?${q}`);
    expect(await orders.count()).toBe(Math.min(20, api.body.total));
    const row = panel.locator('tbody tr', { hasText: overdueOrder });
    expect(await row.textContent()).toContain('E2E快递');
    expect(await row.textContent()).toMatch(/2[5-7](\.\d)? 小时/);
    await page.screenshot({ path: shot('17-shipments'), fullPage: true });

    // The other kind: its own list (or its empty state), as the API has it.
    await panel.locator('[data-testid=shipments-kind-stalled]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('ship_kind=pickup_overdue');
    await page.waitForFunction(() => !document.querySelector('[data-testid=shipments-panel] [data-testid=loading]'), null, { timeout: 30_000 });
    const stalled = await product.api<{ total: number }>(`/v1/kpi/logistics/shipments?kind=stalled&region=${OVERDUE_REGION}&limit=20`);
    if (stalled.body.total === 0) expect(await panel.locator('.empty').count()).toBe(1);
    else expect(await orders.count()).toBeGreaterThan(0);

    await panel.locator('[data-testid=shipments-kind-pickup_overdue]').click();
    await panel.locator('[data-testid=shipment-order]', { hasText: overdueOrder }).click();
    await page.waitForSelector('[data-testid=trace-order]', { timeout: 15_000 });
    expect(await page.locator('[data-testid=trace-order]').textContent()).toContain(overdueOrder);
    expect(await page.locator('[data-testid=trace-shipments]').textContent()).toContain(`SH_E2E_${traced.host}`);
  }, 200_000);

  it('shows product titles wherever the SKU is, and finds a SKU by its title', async () => {
    await productTitles(page, product, traced);
  }, 240_000);

  it('shows an old session its own products, refunds and reasons, whatever the global range', async () => {
    await oldSessionPage(page, product, old);
  }, 240_000);

  it('draws the province map: the planted delay is the darkest, hover shows the numbers, a click filters the page', async () => {
    await provinceMap(page, product);
  }, 240_000);

  it('walks every page in both languages without a raw key, and without Chinese in the English chrome', async () => {
    const found = await languageWalk(page, product, traced, alertFingerprint);
    writeFileSync(join(ARTIFACTS, 'language-walk.json'), `${JSON.stringify(found, null, 2)}\n`);
    // One assertion per page, so a failure names every page that has a problem.
    for (const [where, problems] of Object.entries(found)) expect.soft(problems, where).toEqual([]);
  }, 400_000);

  it('lands each role where it works: category manager on their SKU warnings, ops on the overview, a host on a readable console', async () => {
    await roleLandings(browser, product);
  }, 120_000);

  it('shows a host their wording reminder within a second of the transcript event, at phone width', async () => {
    const host = `HOST_E2E_console${Date.now() % 100000}`;
    const issued = await product.api<{ token: string }>('/v1/tokens', { method: 'POST', body: { role: 'host', host_id: host, name: 'e2e host' } });
    expect(issued.status).toBe(201);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${product.url}/`);
    await signIn(phone, issued.body.token);
    await phone.waitForSelector('[data-testid=console-page] [data-testid=stream-status][data-status=open]', { timeout: 15_000 });
    await phone.screenshot({ path: shot('07-console-waiting') });
    // What a host may not see is not offered.
    expect(await phone.locator('[data-testid=nav-logistics]').count()).toBe(0);
    expect(await phone.locator('[data-testid=nav-skus]').count()).toBe(0);

    // The page notes (on its own clock, the same machine's) when the reminder is on screen.
    await phone.evaluate(() => {
      const w = window as unknown as { __reminderAt?: number };
      new MutationObserver((_m, obs) => {
        if (document.querySelector('[data-testid=reminder]')) {
          w.__reminderAt = performance.timeOrigin + performance.now();
          obs.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const s = scenario(host.slice(-8));
    s.host = host;
    const line = { ...transcript(s, '家人们这个面霜绝对是全网最低价', 120_000), occurred_at: new Date().toISOString() };
    const sentAt = Date.now();
    const posted = await product.api('/v1/events/livestream-transcripts', { method: 'POST', body: [line] });
    expect(posted.status).toBe(200);
    await phone.waitForSelector('[data-testid=reminder]', { timeout: 5_000 });
    const shownAt = await phone.evaluate(() => (window as unknown as { __reminderAt?: number }).__reminderAt ?? Date.now());
    const latency = Math.round(shownAt - sentAt);
    measured.reminder_latency_ms = latency;
    console.log(`wording reminder on the host console ${latency} ms after the transcript event was posted`);
    expect(latency).toBeLessThanOrEqual(1000);
    expect(await phone.locator('[data-testid=reminder-phrase]').first().textContent()).toMatch(/绝对|全网最低价/);
    await phone.screenshot({ path: shot('08-console-reminder') });
    await phone.close();
  });
});
