import { el } from './common/dom.js';
import type { RevenueResult } from './common/revenue-types.js';
import { showProblem, startView, type ViewContext } from './common/view.js';
import { renderClient } from './revenue/client.js';
import { renderPortfolio } from './revenue/portfolio.js';

// revenue_breakdown's view: one client (per month, by source, largest invoices) or the portfolio
// (ranking, concentration, totals), whichever the result holds. Picking a client in the portfolio
// asks the host to call revenue_breakdown for it, and shows that answer with a way back.

function render(root: HTMLElement, structured: Record<string, unknown>, context: ViewContext): void {
  const result = (structured as unknown as RevenueResult).revenueBreakdown;
  if (result?.client) {
    renderClient(root, result.client);
    return;
  }
  if (!result?.portfolio) {
    showProblem(root, {});
    return;
  }
  const portfolio = result.portfolio;
  const showPortfolio = () => {
    root.replaceChildren();
    renderPortfolio(root, portfolio, pick);
  };
  const pick = async (client: { id: number; name: string }) => {
    root.replaceChildren(el('p', { role: 'status' }, `Asking for the breakdown of ${client.name}…`));
    const args = { client_id: client.id, from: portfolio.period.from, to: portfolio.period.to };
    const answer = await context.callTool('revenue_breakdown', args).catch(() => undefined);
    root.replaceChildren();
    const back = el('button', { type: 'button', class: 'back' }, '← Back to the portfolio');
    back.addEventListener('click', showPortfolio);
    root.append(back);
    const breakdown = (answer?.structuredContent as RevenueResult | undefined)?.revenueBreakdown?.client;
    if (!answer || answer.isError || !breakdown) {
      const holder = el('div');
      root.append(holder);
      showProblem(
        holder,
        answer ?? { content: [{ type: 'text', text: 'The host did not run the tool call.' }] },
      );
    } else renderClient(root, breakdown);
    back.focus();
  };
  showPortfolio();
}

startView({ name: 'halo-psa-mcp revenue_breakdown', render });
