import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import './scalars.js';
import './client.js';
import './site.js';
import './contact.js';
import './agent.js';
import './team.js';
import './status.js';
import './ticket-type.js';
import './priority.js';
import './ticket.js';
import './action.js';
import './project.js';
import './contract.js';
import './invoice.js';
import './recurring-invoice.js';
import './asset.js';
import './report.js';
import './revenue.js';
import './unbilled-time.js';
import './contract-renewals.js';
import './sla.js';
import './receivables.js';
import './client-overview.js';

/** The whole read-only schema, sorted so the printed SDL diffs stay stable. */
export const schema = lexicographicSortSchema(builder.toSchema());
