import type { EntityLink, EntityView } from '../site/entity-view.ts';
import type { ExplorerCell, ExplorerColumn, ExplorerFile, ExplorerLinkTuple, ExplorerRowTuple } from './explorer-file.ts';
import { builtinColumns } from './explorer-model.ts';

/** An extra column and its cells, keyed by entity ref (as in `EntityView.ref`). */
export interface ExplorerColumnSource extends ExplorerColumn {
  cells: ReadonlyMap<string, ExplorerCell>;
}

const descriptionLimit = 280;

/**
 * The explorer's data file from the page models: one row per entity, in the views' order (by
 * ref), each related entity listed once. `extraColumns` are columns a plugin adds (a coverage
 * badge, say); rows without any of their cells carry none.
 */
export function buildExplorerFile(views: readonly EntityView[], extraColumns: readonly ExplorerColumnSource[] = []): ExplorerFile {
  const taken = new Set<string>(builtinColumns.map((column) => column.id));
  for (const column of extraColumns) {
    if (taken.has(column.id)) throw new Error(`Explorer column "${column.id}" is declared twice or clashes with a built-in column.`);
    taken.add(column.id);
  }

  const links: ExplorerLinkTuple[] = [];
  const linkIndex = new Map<string, number>();
  const linkOf = (link: EntityLink | undefined): number => {
    if (!link) return -1;
    const key = link.ref.toLowerCase();
    let index = linkIndex.get(key);
    if (index === undefined) {
      index = links.push([link.ref, link.label, link.path]) - 1;
      linkIndex.set(key, index);
    }
    return index;
  };

  const rows = views.map((view): ExplorerRowTuple => {
    const row: ExplorerRowTuple = [
      view.kind,
      view.namespace,
      view.name,
      view.title === view.name ? '' : view.title,
      view.type ?? '',
      view.lifecycle ?? '',
      linkOf(view.owner),
      linkOf(view.system),
      linkOf(view.domain),
      view.tags,
      shortDescription(view.description ?? ''),
    ];
    const cells = extraColumns.map((column) => column.cells.get(view.ref) ?? null);
    if (cells.some((cell) => cell !== null)) row.push(cells);
    return row;
  });
  return { version: 1, links, columns: extraColumns.map(({ id, label }) => ({ id, label })), rows };
}

/** Whitespace collapsed and cut at a word boundary: rows show a line or two of it. */
export function shortDescription(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= descriptionLimit) return text;
  let cut = text.slice(0, descriptionLimit - 1);
  const space = cut.lastIndexOf(' ');
  if (space > descriptionLimit * 0.6) cut = cut.slice(0, space);
  // Never leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
