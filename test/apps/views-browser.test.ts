import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Browser, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/simulator/generate/index.js';
import {
  CHROMIUM,
  chromiumAvailable,
  type HostPage,
  launch,
  openHost,
  readTable,
  screenshotView,
  shownNumber,
} from './browser-host.js';
import {
  type AppsServer,
  HOSTILE_NAME,
  mostOwingClient,
  startAppsServer,
  TODAY,
  withClientNamed,
} from './harness.js';

// Each view in Chromium inside the /views host page (the ext-apps AppBridge), fed by the real
// server over MCP against the simulator. The figures are read back from the views' data tables and
// compared with the structured content a separate MCP client gets for the same call. Screenshots
// go to out/views/ (and to docs/views/ with UPDATE_SCREENSHOTS=1, for the README).

const OUT = fileURLToPath(new URL('../../out/views/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/views/', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: the tests read the structured content they assert on.
type Structured = any;

const cents = (value: number | null) => Math.round((value ?? 0) * 100);
const sumCents = (values: Array<number | null>) => values.reduce<number>((a, v) => a + cents(v), 0);

async function mcpClient(url: string): Promise<Client> {
  const client = new Client({ name: 'views-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return client;
}

async function structuredOf(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<Structured> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent;
}

function saveScreenshot(file: string): string {
  mkdirSync(OUT, { recursive: true });
  return `${OUT}${file}`;
}

function publish(file: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(`${OUT}${file}`, `${DOCS}${file}`);
}

/** The client view's tables against one client's structured breakdown. */
async function expectClientFigures(frame: FrameLocator, breakdown: Structured): Promise<void> {
  const figures = breakdown.byCurrency[0];
  const months = await readTable(frame, 'months');
  expect(months.body).toHaveLength(figures.months.length);
  months.body.forEach((row, i) => {
    const month = figures.months[i];
    expect(row.slice(1).map(shownNumber)).toEqual([
      month.recurring,
      month.nonRecurring,
      Math.round((month.recurring + month.nonRecurring) * 100) / 100,
      month.tax,
      month.invoiceCount,
    ]);
  });
  expect(months.foot[0]!.slice(1).map(shownNumber)).toEqual([
    figures.recurring,
    figures.nonRecurring,
    figures.total,
    figures.tax,
    figures.invoiceCount,
  ]);
  // months sum to the period totals to the cent: in the structured content and as shown
  expect(sumCents(figures.months.map((m: Structured) => m.recurring))).toBe(cents(figures.recurring));
  expect(sumCents(figures.months.map((m: Structured) => m.nonRecurring))).toBe(cents(figures.nonRecurring));
  expect(sumCents(figures.months.map((m: Structured) => m.tax))).toBe(cents(figures.tax));
  for (const column of [1, 2, 4]) {
    expect(sumCents(months.body.map((row) => shownNumber(row[column]!)))).toBe(
      cents(shownNumber(months.foot[0]![column]!)),
    );
  }
  const sources = await readTable(frame, 'sources');
  expect(sources.body.map((row) => shownNumber(row[2]!))).toEqual([
    figures.recurringSplit.template,
    figures.recurringSplit.contract,
    figures.nonRecurringSplit.ticket,
    figures.nonRecurringSplit.item,
    figures.nonRecurringSplit.other,
  ]);
  const largest = await readTable(frame, 'largest');
  const cited = [...figures.largest.recurring, ...figures.largest.nonRecurring];
  expect(largest.body.map((row) => [row[0], row[2], shownNumber(row[3]!), shownNumber(row[4]!)])).toEqual(
    cited.map((inv: Structured) => [inv.number ?? `#${inv.id}`, inv.date, inv.amount, inv.netAmount]),
  );
  const mrr = await frame.locator('[data-figure="mrr"] dd').textContent();
  expect(shownNumber(mrr ?? '')).toBe(breakdown.contracted.mrr);
  expect(await frame.locator('main h1').textContent()).toBe(breakdown.client.name);
  // every warning is on screen
  for (const warning of breakdown.warnings) await expect.poll(() => frame.getByText(warning).count()).toBe(1);
}

if (!chromiumAvailable() && !process.env.CI) {
  describe.skip(`views in Chromium (skipped: ${CHROMIUM} is missing; apt-get install chromium)`, () => {
    it('renders each view', () => {});
  });
} else {
  describe('MCP Apps views in Chromium, on the demo data', () => {
    let server: AppsServer;
    let browser: Browser;
    let host: HostPage;
    let mcp: Client;
    let portfolio: Structured;

    beforeAll(async () => {
      server = await startAppsServer(generateDataset({ size: 'demo', today: TODAY }));
      browser = await launch();
      host = await openHost(browser, server.http.url);
      mcp = await mcpClient(server.http.url);
      portfolio = (await structuredOf(mcp, 'revenue_breakdown', {})).revenueBreakdown.portfolio;
    }, 90_000);

    afterAll(async () => {
      await mcp?.close();
      await browser?.close();
      await server?.stop();
    });

    it('shows the portfolio: ranking and totals as the structured content says, in light and dark', async () => {
      const frame = await host.show({ tool: 'revenue_breakdown', theme: 'light' });
      const gbp = portfolio.totals.find((t: Structured) => t.currency === 'GBP');
      const ranked = portfolio.rows
        .map((row: Structured) => ({
          row,
          gbp: row.byCurrency.find((f: Structured) => f.currency === 'GBP'),
        }))
        .filter((entry: Structured) => entry.gbp && entry.gbp.invoiceCount > 0)
        .sort(
          (a: Structured, b: Structured) => b.gbp.total - a.gbp.total || a.row.client.id - b.row.client.id,
        );
      const clients = await readTable(frame, 'clients');
      expect(
        clients.body.map((row) => [row[1], shownNumber(row[2]!), shownNumber(row[3]!), shownNumber(row[4]!)]),
      ).toEqual(
        ranked.map(({ row, gbp: f }: Structured) => [row.client.name, f.recurring, f.nonRecurring, f.total]),
      );
      // the last cumulative share is the shown clients' part of the GBP total
      const shownTotal = ranked.reduce((sum: number, e: Structured) => sum + e.gbp.total, 0);
      expect(shownNumber(clients.body.at(-1)![5]!)).toBeCloseTo((shownTotal / gbp.total) * 100, 1);
      const totals = await readTable(frame, 'totals');
      expect(totals.body.map((row) => [row[0], ...row.slice(1, 7).map(shownNumber)])).toEqual(
        portfolio.totals.map((t: Structured) => [
          t.currency,
          t.clientCount,
          t.mrr,
          t.arr,
          t.recurring,
          t.nonRecurring,
          t.total,
        ]),
      );
      await frame.locator('.chart-rows .ct-bar').first().waitFor({ state: 'attached' });
      expect(await frame.locator('.chart-rows .ct-bar').count()).toBeGreaterThan(0);
      expect(await frame.locator('figure[role="img"][aria-describedby]').count()).toBeGreaterThanOrEqual(2);
      expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(
        'rgb(255, 255, 255)',
      );
      // the host's font, and a frame resized by the host to the height the view reported
      expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toBe(
        '"Helvetica Neue", Arial, sans-serif',
      );
      const contentHeight = await frame.locator('html').evaluate((html) => html.scrollHeight);
      await expect
        .poll(() =>
          host.page
            .locator('#stage iframe')
            .evaluate((f) => Number.parseInt((f as HTMLElement).style.height, 10)),
        )
        .toBeGreaterThanOrEqual(contentHeight - 2);
      expect(contentHeight).toBeGreaterThan(1000);
      await screenshotView(host, saveScreenshot('revenue-portfolio.png'));
      publish('revenue-portfolio.png');

      await host.setTheme('dark');
      expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(
        'rgb(24, 25, 28)',
      );
      expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).color)).toBe(
        'rgb(243, 244, 246)',
      );
      await screenshotView(host, saveScreenshot('revenue-portfolio-dark.png'));
      await host.setTheme('light');
    }, 60_000);

    it('asks the host for the breakdown of the client picked by keyboard, and shows it', async () => {
      const frame = await host.show({ tool: 'revenue_breakdown', theme: 'light' });
      const button = frame.locator('table[data-table="clients"] tbody tr').nth(1).locator('button');
      const id = Number(await button.getAttribute('data-client-id'));
      const before = (await host.viewCalls()).length;
      await button.focus();
      await button.press('Enter');
      await expect.poll(async () => (await host.viewCalls()).length, { timeout: 15_000 }).toBe(before + 1);
      const call = (await host.viewCalls()).at(-1)!;
      expect(call).toBe(
        `revenue_breakdown ${JSON.stringify({ client_id: id, from: portfolio.period.from, to: portfolio.period.to })}`,
      );
      await frame.locator('table[data-table="months"]').first().waitFor({ timeout: 15_000 });
      const breakdown = (
        await structuredOf(mcp, 'revenue_breakdown', {
          client_id: id,
          from: portfolio.period.from,
          to: portfolio.period.to,
        })
      ).revenueBreakdown.client;
      await expectClientFigures(frame, breakdown);
      // and back, by keyboard again
      await frame.locator('button.back').press('Enter');
      await frame.locator('table[data-table="clients"]').first().waitFor();
    }, 60_000);

    it('shows one client: months, sources, largest invoices and MRR equal to the structured content', async () => {
      const pick = portfolio.rows.find((row: Structured) => {
        const f = row.byCurrency[0];
        return row.byCurrency.length === 1 && f.recurring > 0 && f.nonRecurring > 0 && row.contracted.mrr > 0;
      });
      const frame = await host.show({ tool: 'revenue_breakdown', clientId: pick.client.id, theme: 'light' });
      const breakdown = (await structuredOf(mcp, 'revenue_breakdown', { client_id: pick.client.id }))
        .revenueBreakdown.client;
      await expectClientFigures(frame, breakdown);
      await frame.locator('.chart-bars .ct-bar').first().waitFor({ state: 'attached' });
      expect(await frame.locator('.chart-bars .ct-series').count()).toBe(2);
      await screenshotView(host, saveScreenshot('revenue-client.png'));
      publish('revenue-client.png');
      await host.setTheme('dark');
      expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(
        'rgb(24, 25, 28)',
      );
      await screenshotView(host, saveScreenshot('revenue-client-dark.png'));
      publish('revenue-client-dark.png');
      await host.setTheme('light');
    }, 60_000);

    it('shows receivables by age per currency and the largest debtors, as the structured content says', async () => {
      const frame = await host.show({ tool: 'receivables_aging', theme: 'light' });
      const aging = (await structuredOf(mcp, 'receivables_aging', {})).receivablesAging;
      const buckets = (b: Structured) => [b.notDue, b.days1To30, b.days31To60, b.days61To90, b.over90];
      const totals = await readTable(frame, 'aging-totals');
      expect(totals.body.map((row) => [row[0], ...row.slice(1, 9).map(shownNumber)])).toEqual(
        aging.totals.map((t: Structured) => [
          t.currency,
          ...buckets(t.buckets),
          t.totalDue,
          t.invoiceCount,
          t.partPaidCount,
        ]),
      );
      const debtors = await readTable(frame, 'debtors');
      expect(
        debtors.body.map((row) => [
          row[1],
          row[2],
          ...row.slice(3, 9).map(shownNumber),
          row[9],
          shownNumber(row[10]!),
        ]),
      ).toEqual(
        aging.clients.map((c: Structured) => [
          c.clientName,
          c.currency,
          ...buckets(c.buckets),
          c.totalDue,
          c.oldest?.number ?? '',
          c.oldest?.daysOverdue ?? null,
        ]),
      );
      // each currency's buckets add up to its total due, to the cent
      for (const t of aging.totals) expect(sumCents(buckets(t.buckets))).toBe(cents(t.totalDue));
      await frame.locator('.chart-rows .ct-bar').first().waitFor({ state: 'attached' });
      await screenshotView(host, saveScreenshot('receivables-aging.png'));
      publish('receivables-aging.png');
    }, 60_000);

    it('shows the client review: revenue by month, service, SLA and money as the structured content says', async () => {
      const id = portfolio.rows[0].client.id;
      const frame = await host.show({ tool: 'client_overview', clientId: id, theme: 'light' });
      const overview = (await structuredOf(mcp, 'client_overview', { client_id: id })).clientOverview;
      const { money, service } = overview;
      expect(await frame.locator('main h1').textContent()).toBe(overview.client.name);
      expect(shownNumber((await frame.locator('[data-figure="mrr"] dd').textContent()) ?? '')).toBe(
        money.mrr,
      );
      const months = await readTable(frame, 'months');
      expect(months.body.map((row) => row.slice(1, 3).map(shownNumber))).toEqual(
        money.months.map((m: Structured) => [m.recurring, m.nonRecurring]),
      );
      expect(months.foot[0]!.slice(1, 4).map(shownNumber)).toEqual([
        money.recurring,
        money.nonRecurring,
        money.invoicedTotal,
      ]);
      expect(sumCents(money.months.map((m: Structured) => m.recurring))).toBe(cents(money.recurring));
      expect(sumCents(money.months.map((m: Structured) => m.nonRecurring))).toBe(cents(money.nonRecurring));
      const shownService = await readTable(frame, 'service');
      expect(shownService.body.map((row) => shownNumber(row[1]!))).toEqual([
        service.opened,
        service.closed,
        service.openNow,
        service.chargeableHours,
        service.nonChargeableHours,
      ]);
      const sla = await readTable(frame, 'sla');
      expect(sla.body.map((row) => row.slice(1).map(shownNumber))).toEqual(
        [service.sla.response, service.sla.resolution].map((c: Structured) => [
          c.met,
          c.breached,
          c.pending,
          c.compliance,
        ]),
      );
      for (const warning of overview.warnings)
        await expect.poll(() => frame.getByText(warning).count()).toBe(1);
      await frame.locator('.chart-bars .ct-bar').first().waitFor({ state: 'attached' });
      await screenshotView(host, saveScreenshot('client-overview.png'));
      publish('client-overview.png');
      await host.setTheme('dark');
      expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(
        'rgb(24, 25, 28)',
      );
      await host.setTheme('light');
    }, 60_000);

    it('fetched nothing beyond this machine, and nothing but the host page and /mcp', () => {
      const paths = new Set(host.requested.map((url) => new URL(url).pathname));
      for (const path of paths) expect(['/views', '/mcp']).toContain(path);
      expect(host.requested.every((url) => new URL(url).hostname === '127.0.0.1')).toBe(true);
    });
  });

  describe('a client named like markup, in Chromium', () => {
    let server: AppsServer;
    let browser: Browser;
    let host: HostPage;
    let hostileId: number;

    beforeAll(async () => {
      const dataset = generateDataset({ size: 'tiny', today: TODAY });
      hostileId = mostOwingClient(dataset);
      server = await startAppsServer(withClientNamed(dataset, hostileId, HOSTILE_NAME));
      browser = await launch();
      host = await openHost(browser, server.http.url);
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('shows the name as text in the portfolio and the client view, and runs nothing', async () => {
      const portfolio = await host.show({ tool: 'revenue_breakdown' });
      const button = portfolio.locator(`button[data-client-id="${hostileId}"]`);
      expect(await button.textContent()).toBe(HOSTILE_NAME);
      expect(await portfolio.locator('img').count()).toBe(0);
      const client = await host.show({ tool: 'revenue_breakdown', clientId: hostileId });
      expect(await client.locator('main h1').textContent()).toBe(HOSTILE_NAME);
      expect(await client.locator('img').count()).toBe(0);
      const aging = await host.show({ tool: 'receivables_aging' });
      const debtor = (await readTable(aging, 'debtors')).body.find((row) => row[1] === HOSTILE_NAME);
      expect(debtor).toBeDefined();
      expect(await aging.locator('img').count()).toBe(0);
      const overview = await host.show({ tool: 'client_overview', clientId: hostileId });
      expect(await overview.locator('main h1').textContent()).toBe(HOSTILE_NAME);
      expect(await overview.locator('img').count()).toBe(0);
      // markup parsed anywhere would have tried to load "x" (refused by the view's policy, logged)
      expect(host.console.filter((line) => /Refused to|Content Security Policy/i.test(line))).toEqual([]);
      expect(host.requested.filter((url) => /\/x$/.test(url))).toEqual([]);
    }, 60_000);
  });
}
