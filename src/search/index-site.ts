import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';

/** Where the search bundle lands in the output, and so its URL under the base path. */
export const searchBundleDir = 'pagefind';

export interface SearchIndexSummary {
  /** Pages in the index: those marked `data-pagefind-body` (entity and docs pages). */
  pages: number;
  /** Files and total bytes of the written bundle (`<out>/pagefind/`). */
  files: number;
  bytes: number;
}

/** pagefind reported errors (or stopped answering): the build fails rather than publish a broken or partial index. */
export class SearchIndexError extends Error {
  readonly errors: readonly string[];
  constructor(step: string, errors: readonly string[]) {
    super(`Search indexing failed while ${step}:\n${errors.map((error) => `  ${error}`).join('\n')}`);
    this.name = 'SearchIndexError';
    this.errors = errors;
  }
}

/**
 * Page chrome that is not content, besides what pages mark `data-pagefind-ignore` (pagefind also
 * skips nav, footer, form and svg): the docs renderer's heading permalinks ("#", rehype-headings.ts),
 * which would open every excerpt, and the labels of an entity's About card ("Owner", "Lifecycle"),
 * and the kind labels of relation lists, which would glue onto each value ("OwnerPayments",
 * "ComponentLedger") and match every entity (the kind is a filter).
 */
const notIndexed = ['.heading-anchor', '.facts > div > dt', '.kind-badge'];

/**
 * The pages that can carry `data-pagefind-body`: entity pages (`catalog/<namespace>/<kind>/<name>/`) and
 * docs pages (`docs/<namespace>/<kind>/<name>/…`). pagefind reads every file its glob matches, and its
 * time grows with the bytes it reads: the catalog index, problems, plugin pages and entity tabs (an
 * API reference can be tens of kilobytes) are not read at all (what that saves: BENCHMARKS.md).
 */
export const indexedPagesGlob = '{catalog/*/*/*/index.html,docs/*/*/*/**/index.html}';

/**
 * Indexes the built site with pagefind and writes the bundle to `<outDir>/pagefind/`. Which
 * pages are indexed is decided twice: `indexedPagesGlob` keeps pagefind from reading any other
 * page, and of those a page is indexed only if it marks `data-pagefind-body`; what text is indexed,
 * by the pages' own `data-pagefind-*` attributes (see search-facets.ts and the entity and docs
 * routes) and `notIndexed` here.
 */
export async function indexSite(outDir: string, options: { timeoutMs?: number } = {}): Promise<SearchIndexSummary> {
  const bundle = join(outDir, searchBundleDir);
  await rm(bundle, { recursive: true, force: true });
  // Created here: pagefind's process panics (and its Node API never answers) when it cannot create the folder.
  await mkdir(bundle, { recursive: true });
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  try {
    const created = await answer('starting pagefind', createIndex({ excludeSelectors: notIndexed }), timeoutMs);
    const index = created.index!;
    await answer('reading the built pages', index.addDirectory({ path: outDir, glob: indexedPagesGlob }), timeoutMs);
    await answer('writing the index', index.writeFiles({ outputPath: bundle }), timeoutMs);
    await removeUnusedUi(bundle);
    // addDirectory counts every HTML file it read; the entry file counts the pages in the index.
    return { pages: await indexedPages(bundle), ...(await folderSize(bundle)) };
  } finally {
    await close();
  }
}

/**
 * Waits for one pagefind call and fails on the errors it reports. Its Node API never settles if
 * the pagefind process dies, and its pipes do not keep Node alive: the timer does both, so a
 * crash fails the build instead of ending it early with a success code.
 */
async function answer<T extends { errors: string[] }>(step: string, call: Promise<T>, timeoutMs: number): Promise<T> {
  call.catch(() => {}); // after a timeout, close() rejects the abandoned call
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchIndexError(step, [`pagefind did not answer within ${Math.round(timeoutMs / 1000)} s (if it crashed, its message is above).`])), timeoutMs);
  });
  try {
    const response = await Promise.race([call, timeout]);
    if (response.errors.length > 0) throw new SearchIndexError(step, response.errors);
    return response;
  } finally {
    clearTimeout(timer);
  }
}

/** pagefind's own UIs are written with every index; Playbill's dialog uses only its search API, so they would be dead weight. */
async function removeUnusedUi(bundle: string): Promise<void> {
  for (const name of await readdir(bundle)) {
    if (/^pagefind-(component-ui|modular-ui|ui)\.(js|css)$|^pagefind-highlight\.js$/.test(name)) await rm(join(bundle, name));
  }
}

async function indexedPages(bundle: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
