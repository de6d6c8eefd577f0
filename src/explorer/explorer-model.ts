/**
 * The catalog explorer's logic, without React: explorer.json → an index built once (entries,
 * lowercase search strings, facet value ids per row, sort orders on demand), and a query over it
 * that returns the matching rows in sort order with facet counts. Runs in the browser, so it
 * imports only types from explorer-file.ts (never zod).
 */
import { compareStrings } from '../vocabulary/compare-strings.ts';
import { formatEntityRef, shortRef } from '../vocabulary/entity-ref.ts';
import { entityPagePath } from '../vocabulary/portal-paths.ts';
import type { ExplorerCell, ExplorerColumn, ExplorerFile, ExplorerLinkTuple } from './explorer-file.ts';

export const facetIds = ['kind', 'type', 'owner', 'lifecycle', 'tag', 'namespace', 'system'] as const;
export type FacetId = (typeof facetIds)[number];
export const facetLabels: Record<FacetId, string> = {
  kind: 'Kind',
  type: 'Type',
  owner: 'Owner',
  lifecycle: 'Lifecycle',
  tag: 'Tags',
  namespace: 'Namespace',
  system: 'System',
};

export const builtinColumns = [
  { id: 'name', label: 'Name' },
  { id: 'kind', label: 'Kind' },
  { id: 'type', label: 'Type' },
  { id: 'owner', label: 'Owner' },
  { id: 'lifecycle', label: 'Lifecycle' },
  { id: 'system', label: 'System' },
] as const;

export interface ExplorerLink {
  ref: string;
  label: string;
  /** Site-relative page path; null when the entity is not in the catalog. */
  path: string | null;
}

/** One row as the table shows it. Its ref and page path are derived when needed (`entryRef`, `entryPath`). */
export interface ExplorerEntry {
  kind: string;
  namespace: string;
  name: string;
  title: string;
  type: string;
  lifecycle: string;
  owner: ExplorerLink | null;
  system: ExplorerLink | null;
  domain: ExplorerLink | null;
  tags: readonly string[];
  description: string;
  /** Cells of the extra columns, in `ExplorerIndex.columns` order. */
  cells: readonly (ExplorerCell | null)[];
}

export interface FacetValue {
  /** What the URL carries: the value itself, or a short entity ref for owner and system. */
  key: string;
  label: string;
}

export interface Facet {
  id: FacetId;
  label: string;
  values: FacetValue[];
  /** The value ids of row r are `valueIds[start[r] .. start[r + 1])` (tags have several, others 0 or 1). */
  start: Int32Array;
  valueIds: Int32Array;
  /** Lowercase key → value id, for URLs typed by hand. */
  byKey: ReadonlyMap<string, number>;
  /** Each value's position in label order, so listing values never compares strings per update. */
  labelRank: Int32Array;
}

/** Row indexes in the order of a column and direction; ties and rows without a value (last) by title. */
export type SortOrder = Int32Array;

export interface ExplorerIndex {
  entries: ExplorerEntry[];
  /** Extra columns declared by the data file (plugins). */
  columns: readonly ExplorerColumn[];
  facets: Facet[];
  /** Lowercase name, title, description and tags per row, for the text filter. */
  search: string[];
  /** Sort orders by `column:direction`, computed the first time a column is sorted on. */
  orders: Map<string, SortOrder>;
  /** Each row's position in title order (ties by ref), computed on first use; breaks ties of every other column. */
  titleRank?: Int32Array;
}

export type SortDirection = 'asc' | 'desc';

/** What the reader asked for; kept in the URL (see explorer-url.ts). */
export interface ExplorerState {
  q: string;
  /** Selected facet value keys; values within a facet are alternatives (OR), facets combine with AND. */
  filters: Partial<Record<FacetId, string[]>>;
  sort: string;
  dir: SortDirection;
}

export interface ExplorerResult {
  /** Matching row indexes, in sort order. */
  rows: Int32Array;
  /**
   * Per facet (in `facetIds` order), per value id: how many rows would match if that value were
   * selected in that facet, given the text filter and the other facets' selections.
   */
  counts: Int32Array[];
}

/**
 * A string that orders as a reader expects under plain `<`: case and accents ignored, numbers by
 * value (`svc-9` before `svc-10`: each run of digits is prefixed with its length). Comparing these
 * is much faster than Intl.Collator (BENCHMARKS.md), which matters when every row is sorted on a click.
 */
export function sortKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => {
      const number = digits.replace(/^0+(?=\d)/, '');
      return `${Math.min(number.length, 9)}${number}`;
    });
}

export const defaultSort = 'name';
export const emptyState: ExplorerState = { q: '', filters: {}, sort: defaultSort, dir: 'asc' };

/** Checks the parsed file's shape cheaply (the island does not ship zod); throws on a file it cannot read. */
export function assertExplorerFile(value: unknown): asserts value is ExplorerFile {
  const file = value as Partial<ExplorerFile> | null;
  if (!file || typeof file !== 'object' || file.version !== 1 || !Array.isArray(file.rows) || !Array.isArray(file.links) || !Array.isArray(file.columns)) {
    throw new Error('explorer.json is not in a format this page understands (version 1)');
  }
}

/** Decodes the file and builds everything filtering needs, once. */
export function buildExplorerIndex(file: ExplorerFile): ExplorerIndex {
  const links = file.links.map(toLink);
  const entries = file.rows.map((row): ExplorerEntry => {
    const [kind, namespace, name, title, type, lifecycle, owner, system, domain, tags, description, cells] = row;
    return {
      kind,
      namespace,
      name,
      title: title || name,
      type,
      lifecycle,
      owner: links[owner] ?? null,
      system: links[system] ?? null,
      domain: links[domain] ?? null,
      tags,
      description,
      cells: cells ?? [],
    };
  });
  const search = entries.map((entry) => `${entry.name}\n${entry.title}\n${entry.description}\n${entry.tags.join(' ')}`.toLowerCase());
  const facets = buildFacets(entries);
  return { entries, columns: file.columns, facets, search, orders: new Map() };
}

function toLink([ref, label, path]: ExplorerLinkTuple): ExplorerLink {
  return { ref, label, path };
}

/** The entity's ref, as Backstage writes it (`component:default/web`). */
export function entryRef(entry: ExplorerEntry): string {
  return formatEntityRef(entry);
}

/** The entity's site-relative page path (only rendered rows need it, so it is not stored). */
export function entryPath(entry: ExplorerEntry): string {
  return entityPagePath({ kind: entry.kind, metadata: { namespace: entry.namespace, name: entry.name } });
}

interface FacetBuilder {
  id: FacetId;
  values: FacetValue[];
  /** Value id by value: a string, or a related entity (one shared object per ref). */
  idOf: Map<string | ExplorerLink, number>;
  start: Int32Array;
  ids: number[];
}

/** Every facet's values and per-row value ids, in one pass over the rows. */
function buildFacets(entries: readonly ExplorerEntry[]): Facet[] {
  const builder = (id: FacetId): FacetBuilder => ({ id, values: [], idOf: new Map(), start: new Int32Array(entries.length + 1), ids: [] });
  const builders = Object.fromEntries(facetIds.map((id) => [id, builder(id)])) as Record<FacetId, FacetBuilder>;
  const all = Object.values(builders);
  const add = (builder: FacetBuilder, token: string | ExplorerLink | null, row: number) => {
    if (!token) return;
    let valueId = builder.idOf.get(token);
    if (valueId === undefined) {
      const value = typeof token === 'string' ? { key: token, label: token } : { key: shortRef(token.ref, builder.id === 'owner' ? 'group' : 'system'), label: token.label };
      valueId = builder.values.push(value) - 1;
      builder.idOf.set(token, valueId);
    }
    if (!builder.ids.includes(valueId, builder.start[row])) builder.ids.push(valueId); // a tag listed twice counts once
  };
  entries.forEach((entry, row) => {
    for (const builder of all) builder.start[row] = builder.ids.length;
    add(builders.kind, entry.kind, row);
    add(builders.type, entry.type, row);
    add(builders.owner, entry.owner, row);
    add(builders.lifecycle, entry.lifecycle, row);
    for (const tag of entry.tags) add(builders.tag, tag, row);
    add(builders.namespace, entry.namespace, row);
    add(builders.system, entry.system, row);
  });
  return facetIds.map((id) => finishFacet(builders[id], entries.length));
}

function finishFacet({ id, values, start, ids }: FacetBuilder, rows: number): Facet {
  start[rows] = ids.length;
  // Two owners (or systems) can share a title; the key tells them apart.
  const labelCounts = new Map<string, number>();
  for (const value of values) labelCounts.set(value.label, (labelCounts.get(value.label) ?? 0) + 1);
  const labelled = values.map((value) => (labelCounts.get(value.label)! > 1 && value.label !== value.key ? { ...value, label: `${value.label} (${value.key})` } : value));
  const byKey = new Map<string, number>();
  labelled.forEach((value, valueId) => {
    if (!byKey.has(value.key.toLowerCase())) byKey.set(value.key.toLowerCase(), valueId);
  });
  const labelRank = new Int32Array(labelled.length);
  const labelKeys = labelled.map((value) => sortKey(value.label));
  labelled
    .map((_, valueId) => valueId)
    .sort((a, b) => compareStrings(labelKeys[a]!, labelKeys[b]!) || a - b)
    .forEach((valueId, rank) => (labelRank[valueId] = rank));
  return { id, label: facetLabels[id], values: labelled, start, valueIds: Int32Array.from(ids), byKey, labelRank };
}

/** Each row's position in title order, ties by ref (the file lists rows by ref); computed once. */
function titleRank(index: ExplorerIndex): Int32Array {
  if (index.titleRank) return index.titleRank;
  const keys = index.entries.map((entry) => sortKey(entry.title));
  const rank = new Int32Array(keys.length);
  keys
    .map((_, row) => row)
    .sort((a, b) => compareStrings(keys[a]!, keys[b]!) || a - b)
    .forEach((row, position) => (rank[row] = position));
  index.titleRank = rank;
  return rank;
}

/**
 * The rows in the order of a column, computed once per column and direction. Ties go by title
 * (then ref) ascending in both directions, and rows without a value come last in both. Rows are
 * compared as numbers: each distinct value is ranked once, so a sort never compares strings per pair of rows.
 */
export function sortOrder(index: ExplorerIndex, column: string, dir: SortDirection): SortOrder {
  const cached = index.orders.get(`${column}:${dir}`);
  if (cached) return cached;
  const sign = dir === 'asc' ? 1 : -1;
  const { entries } = index;
  const byTitle = titleRank(index);
  const extra = index.columns.findIndex((candidate) => candidate.id === column);
  const valueOf = (entry: ExplorerEntry): string | number => {
    switch (column) {
      case 'kind':
        return entry.kind;
      case 'type':
        return entry.type;
      case 'owner':
        return entry.owner?.label ?? '';
      case 'lifecycle':
        return entry.lifecycle;
      case 'system':
        return entry.system?.label ?? '';
      default: {
        if (extra < 0) return entry.title;
        const cell = entry.cells[extra];
        return cell ? (cell.sort ?? cell.text) : '';
      }
    }
  };
  const values = entries.map(valueOf);
  const filled: number[] = [];
  const empty: number[] = [];
  values.forEach((value, row) => (value === '' ? empty : filled).push(row));
  // Numbers by value when every value is one; otherwise each distinct text ranked by its sort key.
  let primary: Float64Array;
  if (extra < 0 && column !== 'kind' && column !== 'type' && column !== 'owner' && column !== 'lifecycle' && column !== 'system') {
    primary = Float64Array.from(byTitle);
  } else if (filled.every((row) => typeof values[row] === 'number')) {
    primary = Float64Array.from(values, (value) => (typeof value === 'number' ? value : 0));
  } else {
    const distinct = [...new Set(filled.map((row) => String(values[row])))];
    const keys = new Map(distinct.map((text) => [text, sortKey(text)]));
    distinct.sort((a, b) => compareStrings(keys.get(a)!, keys.get(b)!));
    const rankOf = new Map(distinct.map((text, position) => [text, position]));
    primary = Float64Array.from(values, (value) => rankOf.get(String(value)) ?? 0);
  }
  filled.sort((a, b) => sign * (primary[a]! - primary[b]!) || byTitle[a]! - byTitle[b]!);
  empty.sort((a, b) => byTitle[a]! - byTitle[b]!);
  const order = Int32Array.from([...filled, ...empty]);
  index.orders.set(`${column}:${dir}`, order);
  return order;
}

/** Whether `column` is a column the index can sort on. */
export function isSortColumn(index: ExplorerIndex, column: string): boolean {
  return builtinColumns.some((candidate) => candidate.id === column) || index.columns.some((candidate) => candidate.id === column);
}

/**
 * Filters and sorts in one pass over the rows in sort order, counting facet values as it goes.
 * A row that fails exactly one facet still counts towards that facet's values, so each facet's
 * counts reflect the text filter and the other facets only (as in a faceted search).
 */
export function queryExplorer(index: ExplorerIndex, state: ExplorerState): ExplorerResult {
  const { facets, search } = index;
  const selected: (Uint8Array | null)[] = facets.map((facet) => {
    const keys = state.filters[facet.id];
    if (!keys?.length) return null;
    const flags = new Uint8Array(facet.values.length);
    let any = false;
    for (const key of keys) {
      const valueId = facet.byKey.get(key.toLowerCase());
      if (valueId !== undefined) {
        flags[valueId] = 1;
        any = true;
      }
    }
    // A selection that matches no value matches no row (it came from a stale URL, say).
    return any ? flags : new Uint8Array(facet.values.length);
  });
  const active = facets.map((_, f) => f).filter((f) => selected[f] !== null);
  const terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
  const counts = facets.map((facet) => new Int32Array(facet.values.length));
  const order = sortOrder(index, isSortColumn(index, state.sort) ? state.sort : defaultSort, state.dir);
  const matches = new Int32Array(order.length);
  let matched = 0;

  const visit = (row: number) => {
    if (terms.length) {
      const text = search[row]!;
      for (const term of terms) if (!text.includes(term)) return;
    }
    let failing = -1;
    for (const f of active) {
      const facet = facets[f]!;
      const flags = selected[f]!;
      let hit = false;
      for (let i = facet.start[row]!, end = facet.start[row + 1]!; i < end; i++) {
        if (flags[facet.valueIds[i]!]) {
          hit = true;
          break;
        }
      }
      if (!hit) {
        if (failing >= 0) return; // fails two facets: counts towards nothing
        failing = f;
      }
    }
    if (failing < 0) {
      matches[matched++] = row;
      for (let f = 0; f < facets.length; f++) countRow(facets[f]!, counts[f]!, row);
    } else {
      countRow(facets[failing]!, counts[failing]!, row);
    }
  };

  for (let i = 0; i < order.length; i++) visit(order[i]!);
  return { rows: matches.slice(0, matched), counts };
}

function countRow(facet: Facet, counts: Int32Array, row: number) {
  for (let i = facet.start[row]!, end = facet.start[row + 1]!; i < end; i++) counts[facet.valueIds[i]!]!++;
}

/**
 * A state that only names what exists: facet keys in their canonical spelling (URLs are matched
 * case-insensitively), each once, unknown ones dropped; an unknown sort column falls back to the default.
 */
export function canonicalState(index: ExplorerIndex, state: ExplorerState): ExplorerState {
  const filters: ExplorerState['filters'] = {};
  for (const facet of index.facets) {
    const keys = state.filters[facet.id];
    if (!keys?.length) continue;
    const canonical = [...new Set(keys.map((key) => facet.byKey.get(key.toLowerCase())).filter((id) => id !== undefined))].map((id) => facet.values[id]!.key);
    if (canonical.length) filters[facet.id] = canonical;
  }
  const sort = isSortColumn(index, state.sort) ? state.sort : defaultSort;
  return { q: state.q, filters, sort, dir: state.dir };
}

/** The state with one facet value selected or unselected. */
export function toggleFilter(state: ExplorerState, facet: FacetId, key: string): ExplorerState {
  const current = state.filters[facet] ?? [];
  const next = current.includes(key) ? current.filter((candidate) => candidate !== key) : [...current, key];
  const filters = { ...state.filters };
  if (next.length) filters[facet] = next;
  else delete filters[facet];
  return { ...state, filters };
}

/** Sorting on the current column flips its direction; another column starts ascending. */
export function toggleSort(state: ExplorerState, column: string): ExplorerState {
  return state.sort === column ? { ...state, dir: state.dir === 'asc' ? 'desc' : 'asc' } : { ...state, sort: column, dir: 'asc' };
}

export function activeFilterCount(state: ExplorerState): number {
  return facetIds.reduce((sum, id) => sum + (state.filters[id]?.length ?? 0), 0);
}

/**
 * A facet's values as the panel lists them: most rows first (ties by label), values with no
 * rows left out unless selected.
 */
export function facetValuesToShow(facet: Facet, counts: Int32Array, selectedKeys: readonly string[]): { value: FacetValue; count: number; selected: boolean }[] {
  const selected = new Set(selectedKeys);
  const shown: number[] = [];
  facet.values.forEach((value, id) => {
    if (counts[id]! > 0 || selected.has(value.key)) shown.push(id);
  });
  shown.sort((a, b) => counts[b]! - counts[a]! || facet.labelRank[a]! - facet.labelRank[b]!);
  return shown.map((id) => ({ value: facet.values[id]!, count: counts[id]!, selected: selected.has(facet.values[id]!.key) }));
}
