import { type Dataset, emptyDataset } from '../../src/simulator/dataset.js';

/** A hand-built dataset: `clients` numbered 1..n (the first 100 under top level 1), a few lookups. */
export function smallDataset(clients = 250): Dataset {
  const data = emptyDataset('2026-01-15');
  for (let id = 1; id <= clients; id++) {
    data.clients.push({ id, name: `Client ${id}`, toplevel_id: id <= 100 ? 1 : 2 });
  }
  data.statuses.push(
    { id: 1, name: 'New', type: 0, sequence: 1 },
    { id: 2, name: 'In Progress', type: 0, sequence: 2 },
    { id: 9, name: 'Closed', type: 0, sequence: 9 },
  );
  return data;
}
