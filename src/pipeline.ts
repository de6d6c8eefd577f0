import { join, resolve } from 'node:path';
import { entityLinker, loadCatalog, type Catalog } from './catalog/index.ts';
import { compareProblems, countBySeverity } from './vocabulary/problems.ts';
import type { PlaybillOptions } from './config/options.ts';
import { printableProblem } from './vocabulary/printable.ts';
import { buildDocs } from './docs/index.ts';
import { buildEntityViews, type SiteData } from './site/index.ts';
import { type Repo, RepoBudgets, resolveSources } from './sources/index.ts';

/** Progress of a build, one line per stage, so a long build is never silent. */
export type StageReporter = (stage: string, detail: string, milliseconds: number) => void;

export interface PipelineResult {
  site: SiteData;
  catalog: Catalog;
}

export interface PipelineContext {
  root: string;
  base?: string;
  report?: StageReporter;
  /** The environment the plugins read their secrets from (the build's main thread's). */
  env?: NodeJS.ProcessEnv;
  /**
   * `repo`: the sources are one repo checked on its own (`check`), so what only other repos could
   * resolve (a link into another entity's docs) is a warning; `portal` (default): the whole portal.
   */
  scope?: 'portal' | 'repo';
  /** Makes the plugins when their stage starts, in place of `options.plugins` (the worker imports them from their origins). */
  plugins?: () => Promise<PlaybillOptions['plugins']>;
}

/**
 * The whole data pipeline: sources → catalog → docs → page models → plugins. The only place the
 * stages are wired; free of Astro, so the integration, the `check` command and the tests all run
 * exactly the same rules.
 */
export async function runPipeline(options: PlaybillOptions, context: PipelineContext): Promise<PipelineResult> {
  const report = context.report ?? (() => {});
  let started = performance.now();
  const lap = (stage: string, detail: string) => {
    const now = performance.now();
    report(stage, detail, now - started);
    started = now;
  };

  const sources = await resolveSources(options.sources, { root: context.root, cacheDir: options.cacheDir });
  lap('sources', `${sources.repos.length} repos scanned`);

  // Each repo reads and works within its budgets, through every stage (the plugin stage gets the usage).
  const budgets = new RepoBudgets(options.budgets);
  const repos = sources.repos.map((repo) => ({ ...repo, budget: budgets.of(repo.name) }));

  const loaded = await loadCatalog(repos, {
    catalogFiles: options.catalogFiles,
    customKinds: options.customKinds,
    maxFileBytes: options.maxFileBytes,
  });
  lap('catalog', `${loaded.entities.length} entities loaded from ${loaded.stats.files} files`);

  const link = entityLinker(loaded.entities);
  budgets.enter('docs');
  const docs = await buildDocs(loaded.entities, repos, link, {
    maxFileBytes: options.maxFileBytes,
    base: options.base ?? context.base ?? '/',
    outDir: join(resolve(context.root, options.cacheDir), 'docs-pages'),
    allowIframes: options.docs.allowIframes,
    trustedRepos: options.docs.trustedRepos,
    unreferenced: options.docs.unreferenced,
    scope: context.scope ?? 'portal',
  });
  lap('docs', `${docs.pages.length} docs pages rendered in ${docs.sites.length} sites`);

  // Problems quote file names and link text from repos: shown as printable escapes in problems.json, the pages and the log.
  const problems = [...sources.problems, ...loaded.problems, ...docs.problems, ...budgets.problems()].map(printableProblem).sort(compareProblems);
  const catalog: Catalog = { ...loaded, problems };
  const { errors, warnings } = countBySeverity(problems);
  lap('problems', `${errors} errors, ${warnings} warnings`);

  const views = buildEntityViews(catalog.entities, sources.repos, docs.docsByEntity, link);
  lap('pages', `${views.length} entity pages modelled`);

  const site: SiteData = {
    title: options.title,
    search: options.search,
    entities: catalog.entities,
    views,
    problems,
    docSites: docs.sites,
    docPages: docs.pages,
    docAssets: docs.assets,
    pluginPages: [],
    pluginFiles: [],
    repos: summariseRepos(repos, catalog),
  };
  const plugins = context.plugins ? await context.plugins() : options.plugins;
  if (plugins.length === 0) return { catalog, site };
  // Loaded only for a build with plugins; the stage continues each repo's budget from the usage in `site.repos`.
  const { runPluginStage } = await import('./plugins/index.ts');
  return { catalog, site: await runPluginStage(site, { ...options, plugins }, { root: context.root, report, env: context.env }) };
}

/** Entity and problem counts per repo, in one pass over each list. */
function summariseRepos(repos: readonly Repo[], catalog: Catalog): SiteData['repos'] {
  const rows = new Map(
    repos.map((repo) => [repo.name, { name: repo.name, dir: repo.dir, entities: 0, errors: 0, warnings: 0, ...(repo.budget ? { budgetUsed: repo.budget.usage() } : {}) }]),
  );
  for (const entity of catalog.entities) {
    const row = rows.get(entity.source.repo);
    if (row) row.entities++;
  }
  for (const problem of catalog.problems) {
    const row = rows.get(problem.repo);
    if (row) row[problem.severity === 'error' ? 'errors' : 'warnings']++;
  }
  return [...rows.values()];
}
