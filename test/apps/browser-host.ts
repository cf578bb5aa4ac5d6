import { existsSync } from 'node:fs';
import { type Browser, chromium, type FrameLocator, type Page } from 'playwright-core';

// Driving the /views preview host (views/preview.ts: the ext-apps AppBridge host over this
// server's /mcp) in Debian's Chromium, for the views' browser tests and their screenshots.

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface HostPage {
  page: Page;
  /** Every request the page and its frames made. */
  requested: string[];
  /** Console lines, frames included (CSP violations show up here). */
  console: string[];
  /** Opens a view from the host's controls and waits until its result is drawn. */
  show(input: { tool: string; clientId?: number; theme?: 'light' | 'dark' }): Promise<FrameLocator>;
  setTheme(theme: 'light' | 'dark'): Promise<void>;
  /** The tool calls the view asked the host for, as the host lists them. */
  viewCalls(): Promise<string[]>;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function openHost(browser: Browser, baseUrl: string): Promise<HostPage> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const requested: string[] = [];
  const lines: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort();
  });
  await page.goto(`${baseUrl}/views`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  const frame = page.frameLocator('#stage iframe');
  const host: HostPage = {
    page,
    requested,
    console: lines,
    async show({ tool, clientId, theme }) {
      await page.selectOption('#tool', tool);
      await page.selectOption('#client', clientId === undefined ? '' : String(clientId));
      if (theme) await page.selectOption('#theme', theme);
      await page.evaluate(() => {
        document.querySelector('#status')!.textContent = '';
      });
      await page.click('#show');
      await page.waitForFunction(
        () => /: shown\.$/.test(document.querySelector('#status')?.textContent ?? ''),
        null,
        {
          timeout: 20_000,
        },
      );
      await frame.locator('main h1').first().waitFor({ timeout: 20_000 });
      return frame;
    },
    async setTheme(theme) {
      await page.selectOption('#theme', theme);
      await frame.locator(`html[data-theme="${theme}"]`).waitFor({ timeout: 10_000 });
    },
    viewCalls: () => page.locator('#view-calls li').allTextContents(),
  };
  return host;
}

export interface ShownTable {
  head: string[][];
  body: string[][];
  foot: string[][];
}

/** A data table of the view as shown: every cell's text, by section. */
export function readTable(frame: FrameLocator, name: string, index = 0): Promise<ShownTable> {
  return frame
    .locator(`table[data-table="${name}"]`)
    .nth(index)
    .evaluate((table) => {
      const rows = (part: string) =>
        [...table.querySelectorAll(`${part} tr`)].map((tr) =>
          [...tr.children].map((cell) => cell.textContent ?? ''),
        );
      return { head: rows('thead'), body: rows('tbody'), foot: rows('tfoot') };
    });
}

/** A shown money figure back to a number: "12,345.60" -> 12345.6 ("–" -> null). */
export function shownNumber(text: string): number | null {
  const clean = text.replace(/[^0-9.-]/g, '');
  return clean === '' ? null : Number(clean);
}

/** Resizes the page to its content and saves a picture of the view's frame. */
export async function screenshotView(host: HostPage, path: string): Promise<void> {
  const frameElement = host.page.locator('#stage iframe');
  const height = await frameElement.evaluate((el) => el.getBoundingClientRect().bottom);
  await host.page.setViewportSize({ width: 1100, height: Math.ceil(height) + 40 });
  await host.page.waitForTimeout(250);
  await frameElement.screenshot({ path });
  await host.page.setViewportSize({ width: 1100, height: 1000 });
}
