import { posix } from 'node:path';
import { parseYamlDocuments, type YamlDocument } from '../catalog/index.ts';
import { compareStrings } from '../vocabulary/compare-strings.ts';

/** One entry of a docs site's navigation. `page` refers to a docs_dir-relative source path. */
export type NavItem =
  | { type: 'page'; title: string; page: string }
  | { type: 'link'; title: string; url: string }
  | { type: 'section'; title: string; children: NavItem[] };

export interface NavIssue {
  /** Repo-relative file the issue is in (mkdocs.yml or a .pages file). */
  file: string;
  line: number;
  column: number;
  message: string;
}

const externalUrl = /^[a-z][a-z0-9+.-]*:/i;

/**
 * mkdocs' `nav` setting → NavItems. Entries are `page.md`, `Title: page.md`,
 * `Title: https://…` or `Section: [entries]`; paths are docs_dir-relative. An entry naming a
 * page that does not exist is reported where it is written and left out.
 */
export function loadMkdocsNav(
  nav: unknown,
  context: { pages: ReadonlyMap<string, { title: string }>; configFile: string; document?: YamlDocument | undefined },
): { items: NavItem[]; issues: NavIssue[] } {
  const issues: NavIssue[] = [];
  const at = (path: (string | number)[]) => context.document?.positionOf(['nav', ...path]) ?? { line: 1, column: 1 };
  const entry = (title: string | undefined, value: unknown, path: (string | number)[]): NavItem | null => {
    if (Array.isArray(value)) {
      return { type: 'section', title: title ?? 'Section', children: entries(value, path) };
    }
    if (typeof value !== 'string') {
      issues.push({ file: context.configFile, ...at(path), message: `nav entry ${JSON.stringify(value)} is neither a page path, a link nor a section.` });
      return null;
    }
    if (externalUrl.test(value)) return { type: 'link', title: title ?? value, url: value };
    const page = findPage(value, context.pages);
    if (!page) {
      issues.push({ file: context.configFile, ...at(path), message: `nav entry "${value}" names a page that does not exist in the docs folder.` });
      return null;
    }
    return { type: 'page', title: title ?? context.pages.get(page)!.title, page };
  };
  const entries = (list: unknown[], path: (string | number)[]): NavItem[] =>
    list.flatMap((item, index) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        const [title, value] = Object.entries(item)[0] ?? [];
        const made = title === undefined ? null : entry(title, value, [...path, index, title]);
        return made ? [made] : [];
      }
      const made = entry(undefined, item, [...path, index]);
      return made ? [made] : [];
    });
  if (!Array.isArray(nav)) {
    issues.push({ file: context.configFile, ...at([]), message: 'nav must be a list of entries.' });
    return { items: [], issues };
  }
  return { items: entries(nav, []), issues };
}

/**
 * Navigation from the folder tree when mkdocs.yml has no `nav`: index/README first, then
 * pages and folders by name; a folder's `.pages` file (mkdocs-awesome-pages) may set its
 * title and order (`nav:` with `...` for "everything else").
 */
export function buildTreeNav(
  pages: ReadonlyMap<string, { title: string }>,
  pagesFiles: ReadonlyMap<string, { file: string; text: string }>,
): { items: NavItem[]; issues: NavIssue[] } {
  const issues: NavIssue[] = [];
  const build = (dir: string): { title?: string; items: NavItem[] } => {
    const prefix = dir ? `${dir}/` : '';
    const childPages = [...pages.keys()].filter((page) => page.startsWith(prefix) && !page.slice(prefix.length).includes('/'));
    const childDirs = [...new Set([...pages.keys()].filter((page) => page.startsWith(prefix) && page.slice(prefix.length).includes('/')).map((page) => page.slice(prefix.length).split('/')[0]!))];
    const isIndex = (page: string) => /^(index|readme)\.(md|mdx|markdown)$/i.test(posix.basename(page));
    const byName = (a: string, b: string) => compareStrings(a.toLowerCase(), b.toLowerCase());
    const pageItem = (page: string, title?: string): NavItem => ({ type: 'page', title: title ?? pages.get(page)!.title, page });
    const dirItem = (name: string, title?: string): NavItem | null => {
      const sub = build(prefix + name);
      if (sub.items.length === 0) return null;
      return { type: 'section', title: title ?? sub.title ?? humanise(name), children: sub.items };
    };
    const defaultOrder = (): NavItem[] => [
      ...childPages.filter(isIndex).map((page) => pageItem(page)),
      ...childPages.filter((page) => !isIndex(page)).sort(byName).map((page) => pageItem(page)),
      ...childDirs.sort(byName).flatMap((name) => dirItem(name) ?? []),
    ];
    const pagesFile = pagesFiles.get(dir);
    if (!pagesFile) return { items: defaultOrder() };
    const parsed = parseYamlDocuments(pagesFile.text);
    const document = parsed.documents[0];
    const config = (document?.value ?? {}) as { title?: unknown; nav?: unknown };
    for (const error of parsed.errors) issues.push({ file: pagesFile.file, line: error.line, column: error.column, message: `.pages: ${error.message}` });
    const title = typeof config.title === 'string' ? config.title : undefined;
    if (!Array.isArray(config.nav)) return { ...(title ? { title } : {}), items: defaultOrder() };
    const used = new Set<string>();
    const listed: (NavItem | '...')[] = [];
    config.nav.forEach((entry: unknown, index: number) => {
      let entryTitle: string | undefined;
      let target: unknown = entry;
      if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) [entryTitle, target] = Object.entries(entry)[0] ?? [];
      if (target === '...') return listed.push('...');
      if (typeof target !== 'string') return;
      if (externalUrl.test(target)) return listed.push({ type: 'link', title: entryTitle ?? target, url: target });
      const name = target.replace(/\/$/, '');
      if (childPages.includes(prefix + name)) {
        used.add(prefix + name);
        return listed.push(pageItem(prefix + name, entryTitle));
      }
      if (childDirs.includes(name)) {
        used.add(name);
        const item = dirItem(name, entryTitle);
        return item ? listed.push(item) : undefined;
      }
      const at = document?.positionOf(['nav', index]) ?? { line: 1, column: 1 };
      issues.push({ file: pagesFile.file, ...at, message: `.pages nav entry "${target}" names nothing in ${dir || 'the docs folder'}.` });
      return undefined;
    });
    const rest = defaultOrder().filter((item) => !(item.type === 'page' && used.has(item.page)) && !(item.type === 'section' && used.has(sectionName(item, prefix))));
    // Without "...", awesome-pages lists only what nav names.
    const items = listed.includes('...') ? listed.flatMap((item) => (item === '...' ? rest : [item])) : (listed as NavItem[]);
    return { ...(title ? { title } : {}), items };
  };
  return { items: build('').items, issues };
}

function sectionName(item: Extract<NavItem, { type: 'section' }>, prefix: string): string {
  const first = firstPage(item);
  return first ? first.slice(prefix.length).split('/')[0]! : '';
}

function firstPage(item: NavItem): string | undefined {
  if (item.type === 'page') return item.page;
  if (item.type === 'section') for (const child of item.children) {
    const found = firstPage(child);
    if (found) return found;
  }
  return undefined;
}

/** `page.md`, `./page.md` and `dir/` (its index) as mkdocs accepts them in nav. */
function findPage(path: string, pages: ReadonlyMap<string, unknown>): string | undefined {
  const clean = posix.normalize(path.replace(/^\.\//, '')).replace(/\/$/, '');
  if (pages.has(clean)) return clean;
  for (const index of ['index.md', 'README.md', 'index.mdx']) if (pages.has(posix.join(clean, index))) return posix.join(clean, index);
  return undefined;
}

/** mkdocs' title for a folder without one: `how-to_guides` → `How to guides`. */
export function humanise(name: string): string {
  const words = name.replace(/\.(md|mdx|markdown)$/i, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Pages in reading order, for previous/next links. */
export function flattenNav(items: readonly NavItem[]): Extract<NavItem, { type: 'page' }>[] {
  return items.flatMap((item) => (item.type === 'page' ? [item] : item.type === 'section' ? flattenNav(item.children) : []));
}
