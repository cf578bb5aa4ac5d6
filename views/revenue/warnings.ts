// The core's warnings are plain sentences (docs/revenue.md); each is shown beside the figure it is
// about. Sentences about templates, contracts or the run-rate go with MRR; about currencies with the
// currency figures; every other one is about the invoices behind the invoiced figures.

export interface SortedWarnings {
  runRate: string[];
  currency: string[];
  invoiced: string[];
}

const RUN_RATE =
  /^(Template|Contract|Active templates)\b|\bmrr\b|recurring items? (has|have) an unknown monthly value/i;
const CURRENCY = /more than one currency|\bcurrenc(y|ies)\b.*\bper currency\b/i;

export function sortWarnings(warnings: string[]): SortedWarnings {
  const sorted: SortedWarnings = { runRate: [], currency: [], invoiced: [] };
  for (const sentence of warnings) {
    if (RUN_RATE.test(sentence)) sorted.runRate.push(sentence);
    else if (CURRENCY.test(sentence)) sorted.currency.push(sentence);
    else sorted.invoiced.push(sentence);
  }
  return sorted;
}
