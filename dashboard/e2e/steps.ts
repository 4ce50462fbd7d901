import type { Page } from 'playwright-core';

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.waitForSelector('#token', { timeout: 15_000 });
  await page.fill('#token', token);
  await page.click('[data-testid=sign-in-submit]');
  await page.waitForSelector('[data-testid=role-badge]', { timeout: 15_000 });
}

/**
 * Milliseconds from the start of a fresh navigation to the first KPI tile showing a number,
 * measured inside the page (performance.now() counts from navigation start), checked every frame.
 */
export async function timeToNumbers(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid=kpi-tile] [data-testid=kpi-value]');
      return el && /\d/.test(el.textContent ?? '') ? Math.round(performance.now()) : false;
    },
    null,
    { polling: 'raf', timeout: 15_000 },
  );
  const ms = (await handle.jsonValue()) as number;
  // Let the page finish its other panels, so the next measurement starts on a quiet server.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=loading]').length === 0, null, { timeout: 30_000 });
  return ms;
}
