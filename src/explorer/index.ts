/** The catalog explorer at build time: page models → the rows of catalog/explorer.json, plugin badges as columns. */
export { buildExplorerFile, shortDescription, type ExplorerColumnSource } from './build-explorer-file.ts';
export { badgeColumns } from './badge-columns.ts';
export { explorerFileSchema, type ExplorerFile } from './explorer-file.ts';
