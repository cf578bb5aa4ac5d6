import { type RenderInput, renderText } from './render-text.js';

// The analytics tools' text: one headline of figures (numbers, ids, dates and currency codes only,
// never Halo free text) above the generic rendering, whose Halo-data fence holds the detail.

// biome-ignore lint/suspicious/noExplicitAny: the shapes are the tools' own selections.
type Data = any;

const n = (value: number | null | undefined) => (value == null ? 'unknown' : String(value));
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const pct = (value: number | null | undefined) => (value == null ? 'n/a' : `${value}%`);
const money = (rows: Array<{ currency: string | null; amount: number }>) =>
  rows.map((r) => `${r.currency ?? '(no currency)'} ${r.amount}`).join(', ') || 'nothing';

function withHeadline(headline: (data: Data) => string) {
  return (input: RenderInput): string => {
    const key = Object.keys(input.data)[0];
    const data = key ? input.data[key] : null;
    return data ? `${headline(data)}\n${renderText(input)}` : renderText(input);
  };
}

export const renderUnbilledText = withHeadline((d) => {
  const t = d.totals;
  return `Unbilled time: ${t.hours} h worth ${t.value} across ${plural(t.clientCount, 'client')} (${t.unvaluedHours} h without a value), dated ${d.period.from}..${d.period.to}; over 90 days old: ${t.buckets.over90.hours} h. Drawn from prepay, not leakage: ${t.prepayHours} h.${d.truncated ? ` Showing ${d.clients.length} of ${d.totalClients} clients (raise limit for more).` : ''}`;
});

export const renderRenewalsText = withHeadline((d) => {
  const ending = d.totals.reduce((s: number, t: Data) => s + t.endingCount, 0);
  const lapsed = d.totals.reduce((s: number, t: Data) => s + t.lapsedCount, 0);
  const atRisk = money(d.totals.map((t: Data) => ({ currency: t.currency, amount: t.endingMrr })));
  const lost = money(d.totals.map((t: Data) => ({ currency: t.currency, amount: t.lapsedMrr })));
  return `${plural(d.totalCount, 'contract')}: ${ending} ending within ${d.days} days (by ${d.window.to}), ${lapsed} lapsed without a successor. Monthly value ending: ${atRisk}; lapsed: ${lost}.${d.truncated ? ` Showing ${d.renewals.length} (raise limit for more).` : ''}`;
});

export const renderSlaText = withHeadline((d) => {
  const o = d.overall;
  return `Response ${pct(o.response.compliance)} met, resolution ${pct(o.resolution.compliance)} met over ${plural(o.ticketCount, 'ticket')} opened ${d.period.from}..${d.period.to} (${o.excludedCount} counted apart: projects, excluded or without SLA); ${d.breachCount} target(s) breached; ${d.atRiskCount} open ticket(s) due within ${d.atRiskHours} h.`;
});

export const renderReceivablesText = withHeadline((d) => {
  const due = money(d.totals.map((t: Data) => ({ currency: t.currency, amount: t.totalDue })));
  const old = money(d.totals.map((t: Data) => ({ currency: t.currency, amount: t.buckets.over90 })));
  return `Due: ${due} on ${d.totals.reduce((s: number, t: Data) => s + t.invoiceCount, 0)} open invoices as of ${d.today}; over 90 days past due: ${old}.${d.truncated ? ` Showing ${d.clients.length} of ${d.totalClients} rows (raise limit for more).` : ''}`;
});

export const renderOverviewText = withHeadline((d) => {
  const s = d.service;
  const m = d.money;
  const due = money(m.receivables.map((t: Data) => ({ currency: t.currency, amount: t.totalDue })));
  return `Client #${d.client.id}, ${d.period.from}..${d.period.to}: ${s.opened} tickets opened, ${s.closed} closed, ${s.openNow} open now; SLA response ${pct(s.sla.response.compliance)}, resolution ${pct(s.sla.resolution.compliance)}. MRR ${m.mrr}${m.currency ? ` ${m.currency}` : ''}, invoiced ${n(m.invoicedTotal)} (recurring ${n(m.recurring)}); unbilled ${m.unbilled.hours} h worth ${m.unbilled.value}; due ${due}.${d.labour?.margin != null ? ` Labour cost ${d.labour.cost}, margin ${d.labour.margin}.` : ''}`;
});
