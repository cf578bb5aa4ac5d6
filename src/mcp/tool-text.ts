import {
  renderOverviewText,
  renderReceivablesText,
  renderRenewalsText,
  renderSlaText,
  renderUnbilledText,
} from './analytics-text.js';
import { type RenderInput, renderText } from './render-text.js';
import { renderRevenueText } from './revenue-text.js';

/**
 * Per-tool text: a tool listed here is rendered by its own function (same input as the generic
 * renderer, which every other tool uses). The structured result is the same either way.
 */
const TOOL_TEXT: Readonly<Record<string, (input: RenderInput) => string>> = {
  revenue_breakdown: renderRevenueText,
  unbilled_time: renderUnbilledText,
  contract_renewals: renderRenewalsText,
  sla_performance: renderSlaText,
  receivables_aging: renderReceivablesText,
  client_overview: renderOverviewText,
};

export function renderToolText(tool: string, input: RenderInput): string {
  return (TOOL_TEXT[tool] ?? renderText)(input);
}
