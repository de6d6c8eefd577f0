/** The docs stage: each entity's techdocs-ref → its docs site, every page rendered, links and anchors checked. */
export { buildDocs, type DocsOptions, type DocsResult } from './build-docs.ts';
export { docAssetSchema, docPageViewSchema, docSiteViewSchema, type DocAsset, type DocPageView, type DocSiteView, type NavView } from './docs-view.ts';
