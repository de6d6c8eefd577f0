/**
 * The plugin stage: after the catalog and docs are built, plugins fetch their data and add
 * panels, badges, search filters, catalog.json fields and pages to the site data.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { printableProblem } from '../vocabulary/printable.ts';
import { compareProblems, type Problem } from '../vocabulary/problems.ts';
import type { CatalogEntity } from '../catalog/index.ts';
import { RepoBudgets, type RepoSummary } from '../sources/index.ts';
import type { EntityPluginBlocks, PluginFile, PluginPageView } from './plugin-output.ts';
import type { PluginStageConfig } from './plugin-options.ts';
import { createRecordedTransport } from './recorded-transport.ts';
import { runPlugins, type PluginStageResult } from './run-plugins.ts';
import { Redactor, redactEnvironmentSecrets } from './secrets.ts';

export { runPlugins, type PluginStageResult, type EntityPluginOutput } from './run-plugins.ts';
export { Redactor, createSecretReader } from './secrets.ts';
export { createRecordedTransport } from './recorded-transport.ts';
export { createPluginFetch, RequestScheduler, PluginHttpError, rateLimitDelay, type FetchPolicy } from './plugin-fetch.ts';
export * from './panel-view.ts';
export * from './plugin-output.ts';

/**
 * The parts of the site data the plugin stage reads and extends. The stage runs after the page models are
 * made, but sits below them: it names only these parts, of which the site data (src/site/site-data.ts) is
 * built, and hands back everything else the site carries as it came.
 */
export interface PluginStageSite {
  /** In the order of `views`. */
  entities: CatalogEntity[];
  views: (EntityPluginBlocks & { ref: string })[];
  problems: Problem[];
  repos: RepoSummary[];
  pluginPages: PluginPageView[];
  pluginFiles: PluginFile[];
}

export interface PluginStageContext {
  root: string;
  report?: (stage: string, detail: string, milliseconds: number) => void;
  redactor?: Redactor;
  env?: NodeJS.ProcessEnv;
  /** Overrides the transport (tests); default: recordings when configured, else the network. */
  transport?: typeof fetch;
}

/** Runs the configured plugins over the site's entities and returns the site with their output merged in. */
export async function runPluginStage<Site extends PluginStageSite>(site: Site, options: PluginStageConfig, context: PluginStageContext): Promise<Site> {
  // Without plugins the stage still has the last word on problems: no credential of the environment in any form.
  if (options.plugins.length === 0) return { ...site, problems: redactEnvironmentSecrets(site.problems, context.env ?? process.env) };
  const { recordings, cacheTtlMinutes, ...policy } = options.fetch;
  const transport = context.transport ?? (recordings ? await createRecordedTransport(resolve(context.root, recordings)) : globalThis.fetch);
  // One redactor for the stage, its log lines and the build's problems, which the log and problems.json show.
  const redactor = context.redactor ?? new Redactor();
  const result = await runPlugins(options.plugins, site.entities, site.repos, {
    policy: { ...policy, cacheTtlMs: cacheTtlMinutes * 60_000 },
    cacheDir: resolve(context.root, options.cacheDir, 'plugins'),
    transport,
    sample: Boolean(recordings) && !context.transport,
    problemSeverity: options.pluginProblems,
    maxFileBytes: options.maxFileBytes,
    budgets: stageBudgets(site, options),
    env: context.env,
    redactor,
  }).catch((error: unknown) => {
    // A plugin failing outside any entity stops the build, and its message reaches the log.
    throw Object.assign(new Error(redactor.redact(error instanceof Error ? error.message : String(error))), {
      stack: error instanceof Error && error.stack ? redactor.redact(error.stack) : undefined,
    });
  });
  for (const stat of result.stats) {
    const { requests, cached, retried } = stat.fetch;
    context.report?.(
      'plugins',
      `${stat.plugin}: ${stat.entities} entities${stat.failed ? `, ${stat.failed} failed` : ''}, ${requests} requests, ${cached} from cache${retried ? `, ${retried} retried` : ''}`,
      stat.milliseconds,
    );
  }
  // Files go to the cache folder, not the site data every page reads: a graph of 10,000 entities is megabytes.
  const filesDir = resolve(context.root, options.cacheDir, 'plugin-files');
  const files: PluginFile[] = [];
  for (const file of result.files) {
    const from = resolve(filesDir, file.plugin, file.path);
    await mkdir(dirname(from), { recursive: true });
    await writeFile(from, file.json);
    files.push({ plugin: file.plugin, path: file.path, from });
  }
  const merged = mergePluginOutput(site, result, files);
  return { ...merged, problems: merged.problems.map((problem) => ({ ...problem, message: redactor.redact(problem.message) })) };
}

/** Site data with plugin output attached to entities and views; problems re-sorted. */
export function mergePluginOutput<Site extends PluginStageSite>(site: Site, result: PluginStageResult, files: PluginFile[] = []): Site {
  // Plugin problems per repo, in one pass, for the repo table's counts.
  const addedByRepo = new Map<string, { errors: number; warnings: number }>();
  for (const problem of result.problems) {
    const counts = addedByRepo.get(problem.repo) ?? { errors: 0, warnings: 0 };
    counts[problem.severity === 'error' ? 'errors' : 'warnings']++;
    addedByRepo.set(problem.repo, counts);
  }
  // A repo's budget problem from the plugin stage covers every stage: it replaces the pipeline's.
  const rebudgeted = new Set(result.problems.filter((problem) => problem.code === 'budget-exceeded').map((problem) => problem.repo));
  const earlier = site.problems.filter((problem) => !(problem.code === 'budget-exceeded' && rebudgeted.has(problem.repo)));
  for (const problem of site.problems) {
    if (problem.code === 'budget-exceeded' && rebudgeted.has(problem.repo)) addedByRepo.get(problem.repo)!.errors--;
  }
  const views = site.views.map((view) => {
    const output = result.byEntity.get(view.ref);
    if (!output) return view;
    return {
      ...view,
      cards: output.cards,
      tabs: output.tabs,
      badges: output.badges,
      searchFilters: output.searchFilters,
    };
  });
  const entities = site.entities.map((entity, index) => {
    const output = result.byEntity.get(site.views[index]!.ref);
    return output && Object.keys(output.catalog).length > 0 ? { ...entity, plugins: output.catalog } : entity;
  });
  return {
    ...site,
    entities,
    views,
    problems: [...earlier, ...result.problems.map(printableProblem)].sort(compareProblems),
    pluginPages: result.pages,
    pluginFiles: files,
    repos: site.repos.map((repo) => {
      const added = addedByRepo.get(repo.name);
      return added ? { ...repo, errors: repo.errors + added.errors, warnings: repo.warnings + added.warnings } : repo;
    }),
  };
}

/** The repos' budgets as the pipeline left them (the usage crosses with the site data), for the plugin stage. */
function stageBudgets(site: PluginStageSite, options: PluginStageConfig): RepoBudgets {
  const budgets = new RepoBudgets(options.budgets, site.repos.flatMap((repo) => (repo.budgetUsed ? [[repo.name, repo.budgetUsed] as const] : [])));
  budgets.enter('plugins');
  return budgets;
}
