import { describe, expect, it } from 'vitest';
import type { HaloTicket } from '../../src/halo/types.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { useGraphQLHarness } from '../helpers/graphql.js';

const h = useGraphQLHarness({ dataset: generateDataset({ size: 'demo', today: '2026-03-15' }) });

const projects = () => h.sim.data.tickets.filter((t) => t.is_project === true);
const tasksOf = (id: number) => h.sim.data.tickets.filter((t) => t.parent_id === id);
const paths = () => h.requests().map((r) => r.path);
const at = (wire: string | undefined | null) => Date.parse(`${wire}Z`);
const newestFirst = (rows: HaloTicket[]) =>
  [...rows].sort((a, b) => at(b.dateoccurred) - at(a.dateoccurred) || b.id - a.id);

describe('project', () => {
  it('returns a project with budget, actuals and tasks in two requests', async () => {
    const project = projects().find((p) => p.status_id !== 9 && tasksOf(p.id).length > 0)!;
    const res = await h.run(
      `query($id: Int!) {
        project(id: $id) {
          id name isOpen budgetType percentUsed percentComplete
          budget { hours money } actual { hours money }
          tasks { totalCount items { id summary } }
        }
      }`,
      { id: project.id },
    );
    expect(res.errors).toBeUndefined();
    const tasks = tasksOf(project.id).sort((a, b) => a.id - b.id);
    expect(res.data.project).toEqual({
      id: project.id,
      name: project.summary,
      isOpen: true,
      budgetType: project.budgettype,
      percentUsed: project.projecttimepercentage,
      percentComplete: project.projectcompletionpercentage,
      budget: { hours: project.projecttimebudget, money: project.projectmoneybudget },
      actual: { hours: project.projecttimeactual, money: project.projectmoneyactual },
      tasks: { totalCount: tasks.length, items: tasks.map((t) => ({ id: t.id, summary: t.summary })) },
    });
    // The project's detail, then its tasks (child tickets) in one read.
    expect(paths()).toEqual([`/api/Projects/${project.id}`, '/api/Projects']);
    expect(h.requests()[1]!.query).toMatchObject({ parent_id: String(project.id) });
  });

  it('links a task to its parent ticket and its project', async () => {
    const project = projects()[0]!;
    const task = tasksOf(project.id)[0]!;
    const res = await h.run(`query($id: Int!) { ticket(id: $id) { id parent { id } project { id name } } }`, {
      id: task.id,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.ticket).toEqual({
      id: task.id,
      parent: { id: project.id },
      project: { id: project.id, name: project.summary },
    });
    // The task, then its project once: parent and project are the same /Projects read.
    expect(paths().sort()).toEqual([`/api/Projects/${project.id}`, `/api/Tickets/${task.id}`]);
  });

  it('links the tasks of several projects to their parents in one list', async () => {
    const res = await h.run(
      `{ projects(page: { pageSize: 4 }) { items { id tasks(page: { pageSize: 2 }) { items { parent { id } project { id } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const items = res.data.projects.items as Array<{ id: number; tasks: { items: unknown[] } }>;
    expect(items.filter((p) => p.tasks.items.length > 0).length).toBeGreaterThan(1);
    for (const p of items) {
      expect(p.tasks.items).toEqual(
        tasksOf(p.id)
          .slice(0, 2)
          .map(() => ({ parent: { id: p.id }, project: { id: p.id } })),
      );
    }
    // The project list and every project's tasks in one read: a task's parent is its project, already
    // listed. (No multi-id /Tickets read: includeprojects=2 would return projects only, docs/halo-api.md §8.6.)
    expect(paths()).toEqual(['/api/Projects', '/api/Projects']);
  });

  it('gives no project for a ticket without a parent, at no cost', async () => {
    const ticket = h.sim.data.tickets.find((t) => !t.is_project && (t.parent_id ?? -1) < 0)!;
    const res = await h.run(`query($id: Int!) { ticket(id: $id) { project { id } parent { id } } }`, {
      id: ticket.id,
    });
    expect(res.data.ticket).toEqual({ project: null, parent: null });
    expect(paths()).toEqual([`/api/Tickets/${ticket.id}`]);
  });

  it('answers HALO_NOT_FOUND for an unknown project id', async () => {
    const res = await h.run(`{ project(id: 424242) { id } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'HALO_NOT_FOUND',
      entity: 'project',
      id: 424242,
    });
  });
});

describe('projects list', () => {
  it('lists projects only, newest first, with exact counts', async () => {
    const res = await h.run(`{ projects(page: { pageSize: 5 }) { totalCount hasMore items { id name } } }`);
    expect(res.errors).toBeUndefined();
    const expected = newestFirst(projects());
    expect(res.data.projects).toEqual({
      totalCount: expected.length,
      hasMore: expected.length > 5,
      items: expected.slice(0, 5).map((p) => ({ id: p.id, name: p.summary })),
    });
    // Halo's project list holds the tasks too: it is read whole (100 rows a request) to leave them out.
    const domain = projects().length + projects().reduce((n, p) => n + tasksOf(p.id).length, 0);
    expect(paths()).toEqual(Array(Math.ceil(domain / 100)).fill('/api/Projects'));
  });

  it('lists a client’s closed projects', async () => {
    const clientId = projects()[0]!.client_id!;
    const res = await h.run(
      `query($id: Int!) { client(id: $id) { projects(open: false) { totalCount items { id isOpen } } } }`,
      {
        id: clientId,
      },
    );
    expect(res.errors).toBeUndefined();
    const expected = newestFirst(
      projects().filter((p) => p.client_id === clientId && [8, 9].includes(p.status_id!)),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data.client.projects).toEqual({
      totalCount: expected.length,
      items: expected.map((p) => ({ id: p.id, isOpen: false })),
    });
    const listed = h.requests().find((r) => r.path === '/api/Projects')!;
    expect(listed.query).toMatchObject({ client_id: String(clientId), closed_only: 'true' });
  });
});
