import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  builtinColumns,
  entryPath,
  type ExplorerCell,
  type ExplorerColumn,
  type ExplorerEntry,
  type ExplorerIndex,
  type ExplorerLink,
  type ExplorerState,
} from '../../explorer/client.ts';
import { withBase } from '../../vocabulary/portal-paths.ts';

interface Props {
  index: ExplorerIndex;
  /** Row indexes to show, in order. */
  rows: Int32Array;
  state: ExplorerState;
  onSort: (column: string) => void;
  base: string;
}

/** Up to this many rows are all rendered (find-in-page works on them); beyond it, only a window. */
const renderAllUpTo = 100;
/** Rows have one height (two lines; longer text is cut with an ellipsis), so the virtualiser never measures each one. */
const rowRem = 3.5;
const knownLifecycles = new Set(['production', 'experimental', 'deprecated']);
const knownTones = new Set(['neutral', 'good', 'warning', 'bad']);

/**
 * The matching entities as a table that scrolls with the page: only the rows near the viewport
 * are in the DOM, between two spacer rows that keep the scroll height right. Every row has the
 * same height, so the window is computed, never measured row by row (measuring each new row
 * forces a layout per row, which cost more than the filtering itself).
 */
export function ExplorerTable({ index, rows, state, onSort, base }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  const { scrollMargin, rowHeight } = useTableLayout(body);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const virtualizer = useWindowVirtualizer<HTMLTableRowElement>({
    count: rows.length,
    estimateSize,
    overscan: rows.length <= renderAllUpTo ? rows.length : 10,
    scrollMargin,
  });
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const paddingTop = items.length > 0 ? items[0]!.start - scrollMargin : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - scrollMargin) : 0;
  const sorted = [...builtinColumns, ...index.columns].find((column) => column.id === state.sort) ?? builtinColumns[0];
  const width = builtinColumns.length + (index.columns.length > 0 ? 1 : 0);

  return (
    <table className={index.columns.length > 0 ? 'entity-table explorer-table has-status' : 'entity-table explorer-table'} aria-rowcount={rows.length + 1}>
      <caption className="visually-hidden">
        Matching entities, sorted by {sorted.label.toLowerCase()}, {state.dir === 'asc' ? 'ascending' : 'descending'}
      </caption>
      <ExplorerTableHead columns={index.columns} state={state} onSort={onSort} />
      <tbody ref={body}>
        {paddingTop > 0 && (
          <tr aria-hidden="true" className="explorer-spacer">
            <td colSpan={width} style={{ height: paddingTop }} />
          </tr>
        )}
        {items.map((item) => (
          // Keyed by position: after a filter change the rows already on screen are updated in
          // place rather than replaced, which is much less work for the browser.
          <EntityRow key={item.index} entry={index.entries[rows[item.index]!]!} position={item.index} height={rowHeight} columns={index.columns} base={base} />
        ))}
        {paddingBottom > 0 && (
          <tr aria-hidden="true" className="explorer-spacer">
            <td colSpan={width} style={{ height: paddingBottom }} />
          </tr>
        )}
      </tbody>
    </table>
  );
}

/**
 * Where the table body starts in the document and how tall a row is as laid out, kept current as the layout changes.
 */
function useTableLayout(body: RefObject<HTMLTableSectionElement | null>): { scrollMargin: number; rowHeight: number } {
  const [scrollMargin, setScrollMargin] = useState(0);
  const [rowHeight, setRowHeight] = useState(() => rowRem * (Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16));

  // Rows are positioned from the top of the document, so the virtualiser needs the table body's
  // offset; and the row height as laid out (fonts, zoom), read from one rendered row. Both are
  // read when the layout has changed anyway (a resize observer), never in a render, where reading
  // layout would force the browser to lay the page out once more per update.
  const measureLayout = useCallback(() => {
    if (!body.current) return;
    const offset = Math.round(body.current.getBoundingClientRect().top + window.scrollY);
    setScrollMargin((current) => (current === offset ? current : offset));
    const row = body.current.querySelector('tr[data-index]');
    const height = row?.getBoundingClientRect().height;
    if (height) setRowHeight((current) => (Math.abs(current - height) < 0.01 ? current : height));
  }, []);
  useLayoutEffect(() => {
    measureLayout();
    const observer = new ResizeObserver(measureLayout);
    // The body's size changes with anything above the table (chips, the filter panel on a phone).
    observer.observe(document.body);
    if (body.current) observer.observe(body.current);
    return () => observer.disconnect();
  }, [measureLayout]);
  return { scrollMargin, rowHeight };
}

/** The column headings: each built-in column sorts by itself, plugins' columns share one Status heading. */
function ExplorerTableHead({ columns, state, onSort }: { columns: readonly ExplorerColumn[]; state: ExplorerState; onSort: (column: string) => void }) {
  return (
    <thead>
      <tr aria-rowindex={1}>
        {builtinColumns.map((column) => {
          const current = column.id === state.sort;
          return (
            <th key={column.id} scope="col" className={`col-${column.id}`} aria-sort={current ? (state.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              <button type="button" className="sort-button" onClick={() => onSort(column.id)}>
                {column.label}
                <span aria-hidden="true" className={current ? 'sort-indicator sort-current' : 'sort-indicator'}>
                  {current ? (state.dir === 'asc' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </th>
          );
        })}
        {/* Plugins' columns share one cell of labelled badges (any number of them fits); "Sort by" sorts on each. */}
        {columns.length > 0 && (
          <th scope="col" className="col-status">
            <span className="status-heading">Status</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

interface RowProps {
  entry: ExplorerEntry;
  position: number;
  height: number;
  columns: readonly ExplorerColumn[];
  base: string;
}

function EntityRow({ entry, position, height, columns, base }: RowProps) {
  return (
    <tr data-index={position} aria-rowindex={position + 2} style={{ height }}>
      <th scope="row" className="col-name">
        <span className="explorer-line">
          <span className="kind-badge explorer-kind-inline">{entry.kind}</span>
          <a href={withBase(base, entryPath(entry))}>{entry.title}</a>
          {entry.namespace !== 'default' && <span className="muted"> ({entry.namespace})</span>}
          {entry.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </span>
        <span className="explorer-line explorer-description">{entry.description}</span>
      </th>
      <td className="col-kind">{entry.kind}</td>
      <td className="col-type">{entry.type}</td>
      <td className="col-owner">
        <RelatedLink link={entry.owner} base={base} />
      </td>
      <td className="col-lifecycle">{entry.lifecycle && <span className={knownLifecycles.has(entry.lifecycle) ? `lifecycle lifecycle-${entry.lifecycle}` : 'lifecycle'}>{entry.lifecycle}</span>}</td>
      <td className="col-system">
        <RelatedLink link={entry.system} base={base} />
      </td>
      {columns.length > 0 && (
        <td className="col-status">
          {columns.map((column, at) => (
            <Badge key={column.id} label={column.label} cell={entry.cells[at] ?? null} />
          ))}
        </td>
      )}
    </tr>
  );
}

function RelatedLink({ link, base }: { link: ExplorerLink | null; base: string }) {
  if (!link) return null;
  if (link.path) return <a href={withBase(base, link.path)}>{link.label}</a>;
  return (
    <span className="dangling" title={`${link.ref} is not in the catalog`}>
      {link.ref}
      <span className="visually-hidden"> (not in the catalog)</span>
    </span>
  );
}

function Badge({ label, cell }: { label: string; cell: ExplorerCell | null }) {
  if (!cell) return null;
  const tone = cell.tone && knownTones.has(cell.tone) ? cell.tone : 'neutral';
  return (
    <span className={`badge badge-${tone}`} title={`${label}: ${cell.text}`}>
      <span className="badge-label">{label}</span> {cell.text}
    </span>
  );
}
