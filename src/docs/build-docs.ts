import { createHash } from 'node:crypto';
import { realpathSync, statSync, type Dirent } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, posix, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { CatalogEntity, EntityLink } from '../catalog/index.ts';
import { compareStrings } from '../vocabulary/compare-strings.ts';
import { entityRefOf } from '../vocabulary/entity-ref.ts';
import { printable } from '../vocabulary/printable.ts';
import type { Problem, ProblemCode } from '../vocabulary/problems.ts';
import { readRepoFile, readRepoFileSync, type Repo, type RepoFileError, resolveRepoPath } from '../sources/index.ts';
import { assetRefusal } from './asset-policy.ts';
import { rewriteDocUrl, type DocSiteFiles } from './doc-links.ts';
import { resolveDocRef, TECHDOCS_REF } from './doc-ref.ts';
import { editUrlBase } from './edit-links.ts';
import type { DocAsset, DocPageView, DocSiteView, NavView } from './docs-view.ts';
import { lastCommitTimes } from './git-history.ts';
import { loadMkdocsConfig, type MkdocsConfig } from './mkdocs-config.ts';
import { buildTreeNav, flattenNav, loadMkdocsNav, type NavItem } from './nav.ts';
import { docPagePath, docSitePath, folderRefusal, isDocSource, pageSlug, publishableFiles } from './page-paths.ts';
import type { DocPosition, RenderContext, RenderedDoc } from './render/index.ts';

export interface DocsOptions {
  maxFileBytes: number;
  /** Site base path, for the URLs written into rendered pages. */
  base: string;
  /** Where rendered page HTML is written, one file per page. */
  outDir: string;
  allowIframes: boolean;
  /** Repos whose MDX may run at build time. */
  trustedRepos: readonly string[];
  /** Publish a repo's root docs folder that no entity references, under the repo's first entity. */
  unreferenced: boolean;
  /**
   * `repo`: the repos are one repo checked on its own (`check`), so a link into the docs of an
   * entity not among them cannot be resolved here: it is a warning, not a broken link.
   */
  scope?: 'portal' | 'repo';
}

export interface DocsResult {
  sites: DocSiteView[];
  pages: DocPageView[];
  assets: DocAsset[];
  problems: Problem[];
  /** Entity ref → site-relative docs path, for the Docs link on entity pages. */
  docsByEntity: Map<string, string>;
}

interface SiteSource extends DocSiteFiles {
  entity: CatalogEntity;
  entityRef: string;
  repo: Repo;
  config: MkdocsConfig;
  /** docs_dir-relative source path → repo-relative file. */
  pages: Map<string, string>;
  /** Every file of docs_dir, docs_dir-relative (for `.pages`). */
  files: string[];
}

interface PendingAnchor {
  repo: string;
  file: string;
  at: DocPosition;
  targetPath: string;
  anchor: string;
  href: string;
}

/** How each step reports a problem: its code and severity, where it is, why, and the entity whose docs it is in. */
type ReportProblem = (code: ProblemCode, severity: Problem['severity'], repo: string, file: string, at: { line: number; column: number }, message: string, entityRef?: string) => void;

/** An entity with a techdocs-ref, and the ref as written. */
interface DocsCandidate {
  entity: CatalogEntity;
  ref: string;
}

/** The links that can only be checked once every page's ids are known (step 5). */
interface LinkChecks {
  /** Portal path of each rendered page → its heading and element ids. */
  idsByPath: Map<string, ReadonlySet<string>>;
  /** Links to a page or asset of some site, and in-page anchors. */
  anchors: PendingAnchor[];
  /** Links written as portal URLs (`/docs/…`). */
  absolute: PendingAnchor[];
}

type Renderer = Pick<typeof import('./render/index.ts'), 'renderMarkdown' | 'renderMdx'>;

/**
 * The docs stage: finds every entity's TechDocs (`backstage.io/techdocs-ref: dir:`), reads
 * mkdocs.yml and the docs folder, renders each page, rewrites links to portal URLs, checks
 * every internal link and anchor, and lists the assets to publish.
 */
export async function buildDocs(entities: readonly CatalogEntity[], repos: readonly Repo[], entityLinks: (ref: string) => EntityLink, options: DocsOptions): Promise<DocsResult> {
  const problems: Problem[] = [];
  const report: ReportProblem = (code, severity, repo, file, at, message, entityRef) =>
    problems.push({ severity, repo, file, line: at.line, column: at.column, ...(entityRef ? { entityRef } : {}), code, message });

  // 1. Find the sites.
  const sources = await findSiteSources(entities, repos, options, report);
  const renderer = await loadRenderer(sources.length > 0);
  await mkdir(options.outDir, { recursive: true });

  const sites: DocSiteView[] = [];
  const pages: DocPageView[] = [];
  const assets: DocAsset[] = [];
  const links: LinkChecks = { idsByPath: new Map(), anchors: [], absolute: [] };
  const docsByEntity = new Map<string, string>();
  const historyByRepo = new Map<string, Promise<Map<string, number>>>();
  for (const source of sources) {
    // Each repo's history is read once, alongside the rendering of its first site.
    const history = historyByRepo.get(source.repo.name) ?? lastCommitTimes(source.repo.dir);
    historyByRepo.set(source.repo.name, history);
    // 2. Render every page, rewriting links as they are met.
    const rendered = await renderSitePages(source, renderer, options, links, report);
    const titled = new Map([...rendered].map(([docPath, doc]) => [docPath, { title: doc.title ?? titleFromPath(docPath) }]));
    // 3. Navigation: mkdocs nav, else the folder tree (with .pages files).
    const navItems = await siteNav(source, titled, options.maxFileBytes, report);
    // 4. Page models, with prev/next in reading order and git/edit metadata.
    pages.push(...(await writeSitePages(source, sites.length, rendered, titled, flattenNav(navItems), await history, options.outDir)));
    assets.push(...publishedAssets(source));
    sites.push(siteView(source, navItems, rendered.size, entityLinks));
    docsByEntity.set(source.entityRef, source.path);
  }

  // 5. Check anchors and links across sites now that every page's ids are known.
  checkLinks(links, sources, entities, options.scope, report);

  pages.sort((a, b) => compareStrings(a.path, b.path));
  return { sites, pages, assets: assets.sort((a, b) => compareStrings(a.to, b.to)), problems, docsByEntity };
}

/** Every entity's docs site that can be built: its mkdocs config read, its docs folder listed and sorted into pages and assets. */
async function findSiteSources(entities: readonly CatalogEntity[], repos: readonly Repo[], options: DocsOptions, report: ReportProblem): Promise<SiteSource[]> {
  const reposByName = new Map(repos.map((repo) => [repo.name, repo]));
  const candidates: DocsCandidate[] = [];
  for (const entity of entities) {
    const ref = entity.metadata.annotations?.[TECHDOCS_REF];
    if (ref) candidates.push({ entity, ref });
  }
  if (options.unreferenced) candidates.push(...(await unreferencedDocs(entities, repos, candidates)));
  const sources: SiteSource[] = [];
  for (const candidate of candidates) {
    const repo = reposByName.get(candidate.entity.source.repo);
    const source = repo && (await loadSiteSource(candidate, repo, options, report));
    if (source) sources.push(source);
  }
  return sources;
}

/** One entity's docs site: its techdocs-ref resolved, mkdocs.yml read, docs folder listed; undefined (with a problem) when there is none to build. */
async function loadSiteSource({ entity, ref }: DocsCandidate, repo: Repo, options: DocsOptions, report: ReportProblem): Promise<SiteSource | undefined> {
  const entityRef = entityRefOf(entity);
  const resolved = resolveDocRef(ref, entity.source.file);
  if ('error' in resolved) {
    const at = await annotationPosition(repo, entity, TECHDOCS_REF, options.maxFileBytes);
    report(resolved.error.code, resolved.error.severity, repo.name, entity.source.file, at, resolved.error.message, entityRef);
    return undefined;
  }
  const { config, issues } = await loadMkdocsConfig(repo, resolved.dir, options.maxFileBytes);
  for (const issue of issues) report(issue.code, 'error', repo.name, issue.file, issue, issue.message, entityRef);
  if (!config) return undefined;
  const sitePath = docSitePath({ namespace: entity.metadata.namespace, kind: entity.kind, name: entity.metadata.name });
  const listing = await listDocsFolder(repo, config.docsDir, sitePath);
  if (!listing) {
    report('docs-missing', 'error', repo.name, entity.source.file, { line: entity.source.line, column: 1 }, `${TECHDOCS_REF} "${ref}" has no docs: ${config.docsDir}/ does not exist (or is outside the repo).`, entityRef);
    return undefined;
  }
  for (const { path, code, reason } of listing.skipped) report(code, 'error', repo.name, posix.join(config.docsDir, path), { line: 0, column: 0 }, reason, entityRef);
  const { pages, assets, refused } = await sortDocsFiles(repo, config.docsDir, sitePath, listing.files, options.maxFileBytes, (code, severity, file, at, message) =>
    report(code, severity, repo.name, file, at, message, entityRef),
  );
  if (pages.size === 0) {
    report('docs-missing', 'error', repo.name, entity.source.file, { line: entity.source.line, column: 1 }, `${config.docsDir}/ has no markdown pages.`, entityRef);
    return undefined;
  }
  return { entity, entityRef, repo, config, path: sitePath, pages, assets, refused, files: listing.files };
}

/**
 * A docs folder's files sorted into pages and assets that get an output path, and files refused with why: assets that
 * could run in the portal's origin, and files whose output path another file has as hosts compare paths.
 */
async function sortDocsFiles(
  repo: Repo,
  docsDir: string,
  sitePath: string,
  files: readonly string[],
  maxBytes: number,
  report: (code: ProblemCode, severity: Problem['severity'], file: string, at: DocPosition, message: string) => void,
): Promise<Pick<SiteSource, 'pages' | 'assets' | 'refused'>> {
  const refused = new Map<string, string>();
  const safeAssets: string[] = [];
  for (const file of files) {
    if (isDocSource(file)) continue;
    const refusal = await assetRefusal(repo, posix.join(docsDir, file), maxBytes);
    if (refusal === null) safeAssets.push(file);
    else if (refusal) refused.set(file, refusal);
    if (refusal) report('unsafe-asset', 'warning', posix.join(docsDir, file), { line: 0, column: 0 }, `Not published: ${refusal}.`);
  }
  // One output path per file, as hosts compare paths; a page's problem is on its first line, an asset has no lines.
  const publishable = publishableFiles(sitePath, { pages: files.filter(isDocSource), assets: safeAssets });
  for (const { path, kind, reason } of publishable.unpublished) {
    refused.set(path, reason);
    report('docs-page-conflict', 'error', posix.join(docsDir, path), kind === 'page' ? { line: 1, column: 1 } : { line: 0, column: 0 }, reason);
  }
  return { pages: new Map(publishable.pages.map((page) => [page, posix.join(docsDir, page)])), assets: new Set(publishable.assets), refused };
}

/**
 * The renderer (unified, grammars, sanitiser), loaded only when some entity has docs: a catalog-only build never
 * pays for it.
 */
async function loadRenderer(needed: boolean): Promise<Renderer> {
  return needed ? await import('./render/index.ts') : ({} as Renderer);
}

/** Every page of a site rendered in path order (docs_dir-relative path → rendered page); each page's ids recorded for step 5. */
async function renderSitePages(source: SiteSource, renderer: Renderer, options: DocsOptions, links: LinkChecks, report: ReportProblem): Promise<Map<string, RenderedDoc>> {
  const rendered = new Map<string, RenderedDoc>();
  for (const docPath of [...source.pages.keys()].sort(compareStrings)) {
    const pagePath = docPagePath(source.path, pageSlug(docPath));
    const doc = await renderPage(source, docPath, pagePath, renderer, options, links, report);
    if (!doc) continue;
    rendered.set(docPath, doc);
    links.idsByPath.set(pagePath, new Set(doc.ids));
  }
  return rendered;
}

/** One page read and rendered, its problems reported and its size charged to the repo; undefined when it could not be. */
async function renderPage(
  source: SiteSource,
  docPath: string,
  pagePath: string,
  renderer: Renderer,
  options: DocsOptions,
  links: LinkChecks,
  report: ReportProblem,
): Promise<RenderedDoc | undefined> {
  const { repo, config, entityRef } = source;
  const file = source.pages.get(docPath)!;
  // A repo whose budget is spent renders no further pages; its one budget problem counts them.
  if (repo.budget?.refuses('docs-page', { file })) return undefined;
  const read = await readRepoFile(repo, file, options.maxFileBytes);
  if ('error' in read && read.error.reason === 'over-budget') {
    repo.budget?.refuses('docs-page', { file });
    return undefined;
  }
  if ('error' in read) {
    report(read.error.reason === 'too-large' ? 'file-too-large' : 'unreadable-file', 'error', repo.name, file, { line: 0, column: 0 }, `Docs page could not be read: ${read.error.message}.`, entityRef);
    return undefined;
  }
  const page: PageUrlContext = { source, docPath, pagePath, file, base: options.base, links, report };
  const context: RenderContext = {
    file,
    allowIframes: options.allowIframes,
    trustedMdx: options.trustedRepos.includes(repo.name),
    readInclude: (fromFile, target) => readInclude(repo, config, fromFile, target, options.maxFileBytes),
    rewriteUrl: (url, use) => rewritePageUrl(url, use, page),
  };
  let doc: RenderedDoc;
  try {
    const render = () => (/\.mdx$/i.test(file) ? renderer.renderMdx(read.text, context) : renderer.renderMarkdown(read.text, context));
    doc = repo.budget ? await repo.budget.measure(render) : await render();
  } catch (error) {
    report('docs-render', 'error', repo.name, file, { line: 1, column: 1 }, `Page could not be rendered: ${(error as Error).message}`, entityRef);
    return undefined;
  }
  for (const problem of doc.problems) report('docs-render', problem.severity, repo.name, problem.file, problem, problem.message, entityRef);
  // What the page expanded to (includes, diagrams) is memory the repo costs, as its files are.
  repo.budget?.charge(Buffer.byteLength(doc.html));
  return doc;
}

/** The page being rendered, as a URL met in it is rewritten against it. */
interface PageUrlContext {
  source: SiteSource;
  docPath: string;
  pagePath: string;
  /** The page's repo-relative file. */
  file: string;
  base: string;
  links: LinkChecks;
  report: ReportProblem;
}

/** A URL met while rendering, as its portal URL; links whose target is checked later are queued, broken ones reported. */
function rewritePageUrl(url: string, use: Parameters<RenderContext['rewriteUrl']>[1], { source, docPath, pagePath, file, base, links, report }: PageUrlContext): string {
  const repo = source.repo.name;
  // Links in an included file are relative to that file when it lives in docs_dir, as
  // mkdocs-include-markdown rewrites them (its rewrite-relative-urls default).
  const docsPrefix = source.config.docsDir ? `${source.config.docsDir}/` : '';
  const from = use.file !== file && use.file.startsWith(docsPrefix) ? use.file.slice(docsPrefix.length) : docPath;
  const result = rewriteDocUrl(url, { docPath: from, source, base });
  if (result.kind === 'page' || result.kind === 'asset') {
    if (result.anchor) links.anchors.push({ repo, file: use.file, at: use.at, targetPath: result.path, anchor: result.anchor, href: url });
  } else if (result.kind === 'anchor') {
    links.anchors.push({ repo, file: use.file, at: use.at, targetPath: pagePath, anchor: result.anchor, href: url });
  } else if (result.kind === 'absolute') {
    links.absolute.push({ repo, file: use.file, at: use.at, targetPath: result.path, anchor: result.anchor ?? '', href: url });
  } else if (result.kind === 'broken') {
    const missing = use.kind === 'image' ? 'missing-asset' : 'broken-link';
    report(missing, 'error', repo, use.file, use.at, `${use.kind === 'image' ? 'Image' : 'Link'} "${url}" ${result.reason}.`, source.entityRef);
  }
  return result.href;
}

/** A site's navigation: its mkdocs `nav` when it has one, else its folder tree ordered by `.pages` files. */
async function siteNav(source: SiteSource, titled: ReadonlyMap<string, { title: string }>, maxBytes: number, report: ReportProblem): Promise<NavItem[]> {
  const { repo, config, entityRef } = source;
  if (config.nav !== undefined && config.file) {
    const nav = loadMkdocsNav(config.nav, { pages: titled, configFile: config.file, document: config.document });
    for (const issue of nav.issues) report('docs-nav', 'error', repo.name, issue.file, issue, issue.message, entityRef);
    return nav.items;
  }
  const pagesFiles = await readPagesFiles(repo, config.docsDir, source.files, maxBytes);
  for (const { file, error } of pagesFiles.unread) report(error.reason === 'too-large' ? 'file-too-large' : 'unreadable-file', 'error', repo.name, file, { line: 0, column: 0 }, `.pages could not be read: ${error.message}.`, entityRef);
  const nav = buildTreeNav(titled, pagesFiles.read);
  for (const issue of nav.issues) report('docs-nav', 'error', repo.name, issue.file, issue, issue.message, entityRef);
  return nav.items;
}

/** Navigation items as the pages show them: each page by its portal path. */
function navView(sitePath: string, items: readonly NavItem[]): NavView[] {
  return items.map((item) =>
    item.type === 'page' ? { type: 'page', title: item.title, path: docPagePath(sitePath, pageSlug(item.page)) } : item.type === 'link' ? item : { type: 'section', title: item.title, children: navView(sitePath, item.children) },
  );
}

/** Each rendered page's HTML written to its own file, and its page model: prev/next in reading order, git and edit metadata. */
async function writeSitePages(
  source: SiteSource,
  siteIndex: number,
  rendered: ReadonlyMap<string, RenderedDoc>,
  titled: ReadonlyMap<string, { title: string }>,
  reading: readonly { title: string; page: string }[],
  times: ReadonlyMap<string, number>,
  outDir: string,
): Promise<DocPageView[]> {
  const order = new Map(reading.map((item, index) => [item.page, index]));
  const editBase = editUrlBase(source.entity, source.config);
  const neighbour = (index: number | undefined) => {
    const item = index === undefined ? undefined : reading[index];
    return item ? { title: item.title, path: docPagePath(source.path, pageSlug(item.page)) } : undefined;
  };
  const pages: DocPageView[] = [];
  for (const [docPath, doc] of rendered) {
    const file = source.pages.get(docPath)!;
    const slug = pageSlug(docPath);
    const path = docPagePath(source.path, slug);
    const htmlFile = join(outDir, `${createHash('sha256').update(path).digest('hex').slice(0, 24)}.html`);
    await writeFile(htmlFile, doc.html);
    const position = order.get(docPath);
    const previous = position === undefined ? undefined : neighbour(position - 1);
    const next = position === undefined ? undefined : neighbour(position + 1);
    const lastUpdated = times.get(file);
    const editUrl = editBase?.(file, docPath);
    pages.push({
      site: siteIndex,
      slug,
      path,
      title: titled.get(docPath)!.title,
      ...(doc.description ? { description: doc.description } : {}),
      toc: doc.headings.filter((heading) => heading.depth >= 2 && heading.depth <= 3),
      repo: source.repo.name,
      file,
      ...(lastUpdated ? { lastUpdated } : {}),
      ...(editUrl ? { editUrl } : {}),
      ...(previous ? { previous } : {}),
      ...(next ? { next } : {}),
      hasMermaid: doc.hasMermaid,
      hasTitleHeading: doc.headings.some((heading) => heading.depth === 1),
      htmlFile,
    });
  }
  return pages;
}

/** A site's assets to copy; like mkdocs, every file of docs_dir but hidden ones is published (links to them were checked). */
function publishedAssets(source: SiteSource): DocAsset[] {
  return [...source.assets].filter((asset) => !/(^|\/)\./.test(asset)).map((asset) => ({ from: join(source.repo.dir, source.config.docsDir, asset), to: source.path + asset }));
}

/** A site's model: its title, entity and owner, navigation and page count. */
function siteView(source: SiteSource, navItems: readonly NavItem[], pageCount: number, entityLinks: (ref: string) => EntityLink): DocSiteView {
  const { entity, config, entityRef } = source;
  const entityLink = entityLinks(entityRef);
  const owner = entity.relations.find((relation) => relation.type === 'ownedBy');
  return {
    entityRef,
    title: config.siteName ?? entityLink.label,
    entity: entityLink,
    ...(owner ? { owner: entityLinks(owner.targetRef) } : {}),
    ...(entity.metadata.description ? { description: entity.metadata.description } : {}),
    path: source.path,
    nav: navView(source.path, navItems),
    pageCount,
  };
}

/**
 * Every queued link checked against the pages rendered: a docs page that does not exist, or an anchor it does not
 * have, is an error; in `check` (scope `repo`), a page in another entity's docs is a warning only the build can settle.
 */
function checkLinks(links: LinkChecks, sources: readonly SiteSource[], entities: readonly CatalogEntity[], scope: DocsOptions['scope'], report: ReportProblem): void {
  const sitePathOf = (path: string) => sources.find((source) => path.startsWith(source.path));
  for (const link of [...links.anchors, ...links.absolute]) {
    const ids = links.idsByPath.get(link.targetPath);
    if (!ids) {
      // Absolute links outside /docs/ (catalog pages, other tools) are not ours to check.
      if (link.targetPath.startsWith('docs/') && (sitePathOf(link.targetPath) || link.targetPath.split('/').length > 4)) {
        const elsewhere = scope === 'repo' && !sitePathOf(link.targetPath) ? entityOutside(link.targetPath, entities) : undefined;
        if (elsewhere) report('broken-link', 'warning', link.repo, link.file, link.at, `Link "${link.href}" points to the docs of ${elsewhere}, which is not in this repo: only the portal's build can check it.`);
        else report('broken-link', 'error', link.repo, link.file, link.at, `Link "${link.href}" points to a docs page that does not exist.`);
      }
      continue;
    }
    if (link.anchor && !ids.has(link.anchor)) {
      report('broken-anchor', 'error', link.repo, link.file, link.at, `Link "${link.href}" points to #${link.anchor}, which is not a heading or id on that page.`);
    }
  }
}

/** The ref of the entity whose docs a site path (`docs/<namespace>/<kind>/<name>/…`) is in, unless it is one of `entities`. */
function entityOutside(targetPath: string, entities: readonly CatalogEntity[]): string | undefined {
  if (entities.some((entity) => targetPath.startsWith(docSitePath({ namespace: entity.metadata.namespace, kind: entity.kind, name: entity.metadata.name })))) return undefined;
  const [, namespace, kind, name] = targetPath.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  return namespace && kind && name ? `${kind}:${namespace}/${name}` : undefined;
}

/**
 * Repos with a root docs folder (or mkdocs.yml) that no entity references: their first entity
 * (by file and line, preferring one without docs of its own) gets them as if it said `dir:.`.
 */
async function unreferencedDocs(entities: readonly CatalogEntity[], repos: readonly Repo[], referenced: readonly { entity: CatalogEntity; ref: string }[]) {
  const claimed = new Set(referenced.map(({ entity, ref }) => `${entity.source.repo}:${(resolveDocRef(ref, entity.source.file) as { dir?: string }).dir ?? ''}`));
  const extra: { entity: CatalogEntity; ref: string }[] = [];
  for (const repo of repos) {
    if (claimed.has(`${repo.name}:`)) continue;
    const hasDocs = (await glob(['docs/**/*.md', 'mkdocs.yml', 'mkdocs.yaml'], { cwd: repo.dir, onlyFiles: true, followSymbolicLinks: false })).length > 0;
    if (!hasDocs) continue;
    const owner = entities
      .filter((entity) => entity.source.repo === repo.name && !entity.metadata.annotations?.[TECHDOCS_REF] && entity.kind !== 'Location')
      .sort((a, b) => compareStrings(a.source.file, b.source.file) || a.source.line - b.source.line)[0];
    if (owner) extra.push({ entity: owner, ref: `dir:${posix.relative(posix.dirname(owner.source.file), '.') || '.'}` });
  }
  return extra;
}

/**
 * Includes (`--8<--`, `{% include-markdown %}`) resolve relative to the including file
 * first, then to the site folder (pymdownx.snippets' base path); both stay inside the repo.
 */
function readInclude(repo: Repo, config: MkdocsConfig, fromFile: string, target: string, maxBytes: number): { path: string; text: string } | { error: string } {
  const siteDir = config.file ? posix.dirname(config.file) : posix.dirname(config.docsDir);
  const candidates = [resolveRepoPath(posix.dirname(fromFile), target), resolveRepoPath(siteDir === '.' ? '' : siteDir, target)];
  if (candidates.every((candidate) => candidate === null)) return { error: `"${target}" points outside the repo` };
  for (const candidate of candidates) {
    if (candidate === null) continue;
    const result = readRepoFileSync(repo, candidate, maxBytes);
    if ('text' in result) return result;
    if (result.reason !== 'missing') return { error: result.message };
  }
  return { error: `"${target}" does not exist in repo ${repo.name}` };
}

/** Where an annotation is written in its entity's descriptor (catalog entities keep only their start line). */
async function annotationPosition(repo: Repo, entity: CatalogEntity, key: string, maxBytes: number): Promise<DocPosition> {
  const read = await readRepoFile(repo, entity.source.file, maxBytes);
  if ('text' in read) {
    const lines = read.text.split('\n');
    for (let index = entity.source.line - 1; index < lines.length; index++) {
      const column = lines[index]!.indexOf(key);
      if (column !== -1) return { line: index + 1, column: column + 1 };
    }
  }
  return { line: entity.source.line, column: 1 };
}

/** A docs folder's files (docs_dir-relative, in code-point order), and what was left out of it, with why. */
interface DocsFolderListing {
  files: string[];
  skipped: { path: string; code: 'unreadable-file' | 'docs-page-conflict'; reason: string }[];
}

/**
 * Every file under a docs folder, docs_dir-relative; null when the folder is absent or outside the repo.
 * Symlinks are left out, as globs that do not follow them leave them; so are hidden files and folders, but for `.pages`. A named pipe,
 * socket or device is reported, never opened (opening a pipe waits for a writer); a folder that could not be
 * listed, or whose name or path no page could be published at (`folderRefusal`), is reported and not entered.
 */
async function listDocsFolder(repo: Repo, docsDir: string, sitePath: string): Promise<DocsFolderListing | null> {
  const absolute = resolve(repo.dir, docsDir);
  try {
    const real = realpathSync(absolute);
    const inside = relative(realpathSync(repo.dir), real);
    if (inside.startsWith('..') || inside.startsWith('/')) return null;
    if (!statSync(real).isDirectory()) return null;
  } catch {
    return null;
  }
  const files: string[] = [];
  const skipped: DocsFolderListing['skipped'] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder ? join(absolute, folder) : absolute, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: folder, code: 'unreadable-file', reason: `${printable(folder)} could not be listed (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing in it is published.` });
      return;
    }
    const subfolders: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.') && (entry.name !== '.pages' || entry.isDirectory())) continue;
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        const refusal = folderRefusal(sitePath, path);
        if (refusal) skipped.push({ path, code: 'docs-page-conflict', reason: refusal });
        else subfolders.push(path);
      } else if (entry.isFile()) {
        files.push(path);
      } else if (!entry.isSymbolicLink()) {
        skipped.push({ path, code: 'unreadable-file', reason: `${printable(path)} is ${specialFileKind(entry)}, not a regular file: it is never opened, and not published.` });
      }
    }
    await Promise.all(subfolders.map(walk));
  };
  await walk('');
  files.sort(compareStrings);
  skipped.sort((a, b) => compareStrings(a.path, b.path));
  return { files, skipped };
}

function specialFileKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

/** Each folder's `.pages` file (keyed by docs_dir-relative folder), and those that could not be read. */
async function readPagesFiles(repo: Repo, docsDir: string, docsFiles: readonly string[], maxBytes: number) {
  const read = new Map<string, { file: string; text: string }>();
  const unread: { file: string; error: RepoFileError }[] = [];
  for (const asset of docsFiles) {
    if (posix.basename(asset) !== '.pages') continue;
    const file = posix.join(docsDir, asset);
    const result = await readRepoFile(repo, file, maxBytes);
    if ('text' in result) read.set(posix.dirname(asset) === '.' ? '' : posix.dirname(asset), { file, text: result.text });
    else unread.push({ file, error: result.error });
  }
  return { read, unread };
}

function titleFromPath(docPath: string): string {
  const base = posix.basename(docPath).replace(/\.(md|mdx|markdown)$/i, '');
  const name = /^(index|readme)$/i.test(base) ? posix.basename(posix.dirname(docPath)) : base;
  const words = (name === '.' ? 'Home' : name).replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
