/** What the explorer island runs in the browser: the index over explorer.json, queries with facet counts, state in the URL. */
export {
  activeFilterCount,
  assertExplorerFile,
  buildExplorerIndex,
  builtinColumns,
  canonicalState,
  emptyState,
  entryPath,
  facetIds,
  facetValuesToShow,
  queryExplorer,
  toggleFilter,
  toggleSort,
  type ExplorerEntry,
  type ExplorerIndex,
  type ExplorerLink,
  type ExplorerState,
  type Facet,
  type FacetId,
} from './explorer-model.ts';
export { searchFromState, stateFromSearch } from './explorer-url.ts';
export type { ExplorerCell, ExplorerColumn } from './explorer-file.ts';
