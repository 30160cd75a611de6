/**
 * The whole loop in the real UI, in Chromium, through `workbench serve`: configure a short MNIST
 * run, watch points and a checkpoint marker appear, see the checkpoints, reload one, evaluate it,
 * draw a digit and get a prediction. Screenshots go to test-artifacts/e2e/.
 */
import * as nodePath from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';
import { ARTIFACTS_DIR, launchChromium, startServe, type Served } from './serve-harness';

let served: Served;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const workspace = await makeTempDir('workbench-e2e-');
  served = await startServe(workspace);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const shot = (name: string) => page.screenshot({ path: nodePath.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });

describe('the workbench UI in Chromium', () => {
  it('refuses the page without the token', async () => {
    // A page of its own, so its refused requests (the page, its favicon) stay out of the console check.
    const stranger = await browser.newPage();
    const response = await stranger.goto(served.url.replace(/\?token=.*/, ''));
    expect(response?.status()).toBe(401);
    await stranger.close();
  });

  it('trains a short MNIST run, charts it live and marks checkpoints', async () => {
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New run', exact: true }).click();
    await page.getByLabel('Data set').selectOption('mnist');
    await page.getByLabel('Model preset').selectOption('mlp');
    await page.getByTestId('new-run-epochs').fill('4');
    await shot('01-new-run');
    await page.getByTestId('new-run-start').click();
    await page.getByTestId('metric-chart').waitFor({ timeout: 60_000 });
    await page.getByTestId('checkpoint-marker').first().waitFor({ timeout: 90_000 });
    await shot('02-training');
    await expect.poll(async () => page.getByTestId('checkpoint-row').count(), { timeout: 90_000 }).toBeGreaterThan(0);
    await page.getByText(/completed/i).first().waitFor({ timeout: 120_000 });
    await shot('03-completed');
  }, 240_000);

  it('reloads a checkpoint, evaluates it and predicts a drawn digit', async () => {
    await page.getByTestId('reload-checkpoint').first().click();
    await page.getByTestId('inference-panel').waitFor();
    await page.getByTestId('evaluate-button').click();
    await page.getByTestId('confusion-matrix').waitFor({ timeout: 60_000 });
    const canvas = page.getByTestId('digit-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    // A "1": one stroke down the middle.
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let step = 1; step <= 20; step++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.035 * step));
    await page.mouse.up();
    await page.getByTestId('predict-button').click();
    await expect.poll(async () => page.getByTestId('probability-bar').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
    await shot('04-inference');
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  }, 120_000);

  it('gives every control on the page an accessible name', async () => {
    const unnamed = await page.locator('button, input, select, textarea, a[href], [role="button"]').evaluateAll((elements) =>
      elements
        .filter((element) => {
          const labelled = (element as HTMLInputElement).labels?.length;
          const text = element.textContent?.trim();
          return !(element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || labelled || text || element.getAttribute('title'));
        })
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
  });
});
