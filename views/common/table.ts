import { el, uid } from './dom.js';

export interface Column {
  label: string;
  /** Numeric columns align right and carry the raw value in `data-value`. */
  numeric?: boolean;
}

/** A cell: text, a number with its shown text, or a node (a button, a list...). */
export type Cell = string | { value: number | null; text: string } | Node;

export interface TableSpec {
  caption: string;
  columns: Column[];
  /** The first cell of each row is its header (`<th scope="row">`). */
  rows: Cell[][];
  /** Rows under the body, such as the period total. */
  footer?: Cell[][];
  /** Identifies the table for tests and screen-reader references. */
  name: string;
}

function cellNode(cell: Cell, header: boolean, numeric: boolean): HTMLTableCellElement {
  const node = header ? el('th', { scope: 'row' }) : el('td');
  if (numeric) node.className = 'num';
  if (typeof cell === 'string') node.textContent = cell;
  else if (cell instanceof Node) node.appendChild(cell);
  else {
    node.textContent = cell.text;
    if (cell.value !== null) node.dataset.value = String(cell.value);
  }
  return node;
}

function rowNode(cells: Cell[], columns: Column[]): HTMLTableRowElement {
  return el('tr', {}, ...cells.map((cell, i) => cellNode(cell, i === 0, columns[i]?.numeric === true)));
}

/**
 * The accessible table behind a chart: a caption, column headers and row headers, scrollable by
 * keyboard when wider than the frame.
 */
export function dataTable(spec: TableSpec): { wrapper: HTMLElement; id: string } {
  const id = uid(`table-${spec.name}`);
  const table = el(
    'table',
    { id, 'data-table': spec.name },
    el('caption', {}, spec.caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...spec.columns.map((column) =>
          el('th', { scope: 'col', class: column.numeric ? 'num' : undefined }, column.label),
        ),
      ),
    ),
    el('tbody', {}, ...spec.rows.map((cells) => rowNode(cells, spec.columns))),
    spec.footer ? el('tfoot', {}, ...spec.footer.map((cells) => rowNode(cells, spec.columns))) : null,
  );
  const wrapper = el(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': id },
    table,
  );
  return { wrapper, id };
}
