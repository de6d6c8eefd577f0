/**
 * Page models: the catalog and docs resolved once per build into what each page shows, and the site data the
 * pipeline hands to the pages. Pages read it through load-site.ts; an entity page's model is entity-view.ts.
 */
export { buildEntityViews, definitionLanguage } from './build-entity-views.ts';
export { siteDataSchema, type SiteData } from './site-data.ts';
