import { readFileSync } from 'node:fs';

export type NavItem = { title: string; path: string } | { title: string; children: NavItem[] };
export interface Site {
  repo: string;
  component: string;
  siteName: string;
  nav: NavItem[];
}

let cache: Map<string, Site> | undefined;
/** repo folder -> site, from the JSON the bench harness writes (outside the timed build). */
export function sites(): Map<string, Site> {
  if (cache) return cache;
  const file = process.env.BENCH_DOCS_SITES_JSON;
  if (!file) throw new Error('BENCH_DOCS_SITES_JSON is not set (run through `npm run bench -- --docs N`)');
  const list = JSON.parse(readFileSync(file, 'utf8')) as Site[];
  cache = new Map(list.map((s) => [s.repo, s]));
  return cache;
}

/** URL of a page (`guides/x.md`, `index.md`) of a site, same scheme as Playbill. */
export function pageHref(site: Site, path: string): string {
  const rest = path.replace(/\.md$/, '').replace(/(^|\/)index$/, '');
  return `/docs/default/component/${site.component}/${rest ? `${rest}/` : ''}`;
}
