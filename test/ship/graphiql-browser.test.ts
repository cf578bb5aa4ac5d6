import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { assertBuilt, type CliProcess, startCli } from './processes.js';

// GraphiQL as a person sees it: the demo server, Debian's Chromium driven by playwright-core, the
// query typed into the editor and run from the UI, and nothing fetched from beyond this machine.

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../../out/graphiql.png', import.meta.url));
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

if (!existsSync(CHROMIUM) && !process.env.CI) {
  describe.skip(`GraphiQL in Chromium (skipped: ${CHROMIUM} is missing; apt-get install chromium)`, () => {
    it('runs a query through the GraphiQL UI', () => {});
  });
} else {
  describe('GraphiQL in Chromium', () => {
    let server: CliProcess;
    let browser: Browser;
    let page: Page;
    let graphiqlUrl: string;
    /** Every request the page made, and those that tried to leave 127.0.0.1 (aborted). */
    const requested: string[] = [];
    const offMachine: string[] = [];

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `CI needs Chromium at ${CHROMIUM} for this test: apt-get install chromium (.ci/run does)`,
        );
      }
      assertBuilt();
      server = startCli([], { HALO_DEMO: '1', HALO_MCP_TRANSPORT: 'http', HALO_MCP_PORT: '0' });
      const [, url] = await server.waitFor('stdout', /GraphiQL \(example query pre-filled\): (\S+)/);
      graphiqlUrl = url!;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('request', (request) => requested.push(request.url()));
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') return route.continue();
        offMachine.push(url.href);
        return route.abort();
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** What a pane shows (Monaco renders spaces as non-breaking ones). */
    async function shownIn(selector: string): Promise<string> {
      return ((await page.locator(selector).textContent()) ?? '').replaceAll('\u00a0', ' ');
    }
    const resultText = () => shownIn('.graphiql-response');

    it('opens with the example query and runs it with the play button', async () => {
      await page.goto(graphiqlUrl);
      await expect
        .poll(() => shownIn('.graphiql-query-editor'), { timeout: 20_000 })
        .toContain('query OpenWork');
      await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
      await expect.poll(resultText, { timeout: 15_000 }).toContain('"openTicketCount"');
      expect(await resultText()).toContain('"totalCount"');
      expect(await resultText()).not.toContain('"errors"');
    }, 40_000);

    it('runs a query typed into the editor with Ctrl-Enter and shows the data', async () => {
      // The server generates the same demo data for today; pick a client and one of its tickets.
      const data = generateDataset({ size: 'demo', today: new Date().toISOString().slice(0, 10) });
      const ticket = data.tickets.find((t) => (t.client_id ?? 0) > 1 && !t.is_project)!;
      const client = data.clients.find((c) => c.id === ticket.client_id)!;
      const query = `query OneTicket { ticket(id: ${ticket.id}) { id summary client { name } } }`;

      const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      // insertText types the text as one input, so the editor does not auto-close brackets.
      await page.keyboard.insertText(query);
      await page.getByRole('button', { name: 'Prettify query (Shift-Ctrl-P)' }).click();
      // GraphiQL parses the editor after a pause; the tab takes the operation's name once it has.
      await expect.poll(() => shownIn('.graphiql-tab-button')).toBe('OneTicket');
      await editor.click();
      await page.keyboard.press('Control+Enter');

      // `"ticket": {` is only in this answer; the example query's answer had `"tickets"` lists.
      await expect.poll(resultText, { timeout: 15_000 }).toContain('"ticket": {');
      const shown = await resultText();
      expect(shown).not.toContain('totalCount');
      expect(shown).toContain(`"id": ${ticket.id}`);
      expect(shown).toContain(JSON.stringify(client.name));
      expect(shown).toContain(JSON.stringify(ticket.summary));
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }, 40_000);

    it('never asked for anything beyond 127.0.0.1', () => {
      expect(requested.length).toBeGreaterThan(2);
      expect(offMachine).toEqual([]);
      const origin = new URL(graphiqlUrl).origin;
      const foreign = requested.filter(
        (url) => !url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`),
      );
      expect(foreign).toEqual([]);
    });
  });
}
