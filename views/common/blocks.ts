import { el } from './dom.js';

/** Headline figures as a description list: each label, its value, and the notes that concern it. */
export function headline(items: Array<{ label: string; value: string; name: string }>): HTMLElement {
  return el(
    'dl',
    { class: 'figures' },
    ...items.map((item) =>
      el(
        'div',
        { class: 'figure', 'data-figure': item.name },
        el('dt', {}, item.label),
        el('dd', {}, item.value),
      ),
    ),
  );
}

/** Warnings beside the figure they concern; nothing when there are none. */
export function notes(sentences: string[], label: string): HTMLElement | null {
  if (sentences.length === 0) return null;
  return el(
    'ul',
    { class: 'notes', role: 'note', 'aria-label': label, 'data-notes': label },
    ...sentences.map((sentence) => el('li', {}, sentence)),
  );
}

export function section(title: string, ...children: Array<Node | null>): HTMLElement {
  return el('section', { class: 'section', 'aria-label': title }, el('h2', {}, title), ...children);
}

export function numberCell(value: number | null, text: string) {
  return { value, text };
}
