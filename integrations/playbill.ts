import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// Only light modules here: the heavy pipeline (Backstage, ajv, YAML) loads on the worker thread.
import { formatProblemLine, printable } from '../src/vocabulary/printable.ts';
import { countBySeverity, type Problem } from '../src/vocabulary/problems.ts';
import {
  parsePlaybillOptions,
  strictThreshold,
  type PlaybillOptions,
  type PlaybillUserOptions,
  type SourceConfig,
} from '../src/config/options.ts';
import { playbillOptionsKey, type OptionsCarrier } from '../src/config/project-config.ts';
import type { PipelineWorkerData, PipelineWorkerMessage } from '../src/pipeline-worker.ts';
import { startPipelineWorker } from '../src/pipeline-worker-start.ts';
import { pendingSiteKey } from '../src/site/pending-site.ts';
import type { SiteData } from '../src/site/index.ts';
import { pluginOriginsOf } from '../src/plugins/plugin-origins.ts';

export type { PlaybillUserOptions } from '../src/config/options.ts';

/** A folder whose immediate subfolders are repos. */
export function directory(path: string): SourceConfig {
  return { type: 'directory', path };
}

/** A git repo cloned shallowly at `ref` (default: the remote's default branch). */
export function git(url: string, options: { ref?: string; name?: string } = {}): SourceConfig {
  return { type: 'git', url, ...options };
}

const virtualId = 'virtual:playbill/site';
/** Pages Astro renders at once (see astro:config:setup). */
const pagesInFlight = 4;
const routes = [
  ['/', 'index.astro'],
  ['/catalog', 'catalog/index.astro'],
  ['/catalog/[namespace]/[kind]/[name]', 'catalog/entity.astro'],
  ['/catalog/[namespace]/[kind]/[name]/[tab]', 'catalog/entity-tab.astro'],
  ['/plugins/[plugin]/[...path]', 'plugin-page.astro'],
  ['/plugins/[plugin]/[file].json', 'plugin-file.ts'],
  ['/problems', 'problems.astro'],
  ['/catalog.json', 'catalog-json.ts'],
  ['/catalog/explorer.json', 'catalog/explorer-json.ts'],
  ['/problems.json', 'problems-json.ts'],
  ['/docs', 'docs/index.astro'],
  ['/docs/[namespace]/[kind]/[name]/[...page]', 'docs/page.astro'],
  ['/search', 'search.astro'],
] as const;

/** What Astro hands one of the integration's hooks. */
type HookArguments<Hook extends 'astro:config:setup' | 'astro:server:setup'> = Parameters<Extract<AstroIntegration['hooks'][Hook], (...args: never[]) => unknown>>[0];

/**
 * The Playbill integration: runs the pipeline (sources → catalog → page models) once when
 * Astro starts, hands the result to the injected pages (src/site/load-site.ts), and reports
 * problems. `npm run build -- --repos DIR --strict` overrides options through PLAYBILL_* variables.
 */
export default function playbill(userOptions: PlaybillUserOptions = {}): AstroIntegration & OptionsCarrier {
  const options = applyCommandLineOverrides(parsePlaybillOptions(userOptions));
  let buildStarted = 0;
  /** The site this build or dev server renders, once the pipeline and plugins are done (pages get it through pendingSiteKey). */
  let built: Promise<SiteData> | undefined;
  return {
    name: 'playbill',
    // For `check`, which reads the project's config without Astro (src/config/project-config.ts).
    [playbillOptionsKey]: options,
    hooks: {
      'astro:config:setup': async (setup) => {
        // Pages read the base path from here rather than import.meta.env.BASE_URL, which a stray
        // BASE_URL environment variable can override.
        const base = options.base ?? setup.config.base;
        await configureAstro(setup, options, base);
        if (setup.command !== 'build' && setup.command !== 'dev') return;
        buildStarted = performance.now();
        const pending = buildSite(options, fileURLToPath(setup.config.root), base, setup.logger);
        pending.catch(() => {}); // a failure is reported when a page awaits it
        built = pending;
        (globalThis as Record<symbol, unknown>)[pendingSiteKey] = pending;
      },
      // In `astro dev`, serve docs assets straight from the repos (a build copies them instead).
      'astro:server:setup': ({ server }) => serveDocsAssets(server, () => built!, options),
      'astro:build:done': async ({ dir, pages, logger }) => {
        const site = await built!;
        const out = fileURLToPath(dir);
        await copyDocsAssets(site, out, logger);
        logger.info(`pages    ${pages.length} pages written (${formatMs(performance.now() - buildStarted)} since the pipeline started)`);
        await indexSearch(site, out, options, logger);
      },
    },
  };
}

/** Astro set up for the portal: base path, the React renderer, pages in flight, the injected routes, client directives, the site's virtual module. */
async function configureAstro({ config, updateConfig, injectRoute, addClientDirective }: HookArguments<'astro:config:setup'>, options: PlaybillOptions, base: string): Promise<void> {
  if (options.base) updateConfig({ base: options.base });
  // The portal's islands (search, explorer, graph) are React: add the renderer unless the
  // user's config already has it, so a config with only playbill() still builds.
  if (!config.integrations.some((integration) => integration.name === '@astrojs/react')) {
    const { default: react } = await import('@astrojs/react');
    updateConfig({ integrations: [react()] });
  }
  // Astro renders one page at a time by default, and waits for each page's file to be written
  // before rendering the next: a large share of page generation was the main thread idle on disk
  // writes (BENCHMARKS.md). A few pages in flight overlap those waits. A user's own
  // setting is kept, unless it is Astro's default of 1, which cannot be told from no setting.
  if (config.build.concurrency === 1) updateConfig({ build: { concurrency: pagesInFlight } });
  for (const [pattern, file] of routes) {
    if (pattern === '/search' && !options.search) continue;
    injectRoute({ pattern, entrypoint: new URL(`../src/routes/${file}`, import.meta.url), prerender: true });
  }
  // `client:search`: the search island loads only when the reader opens search (src/search/client/search-directive.ts).
  addClientDirective({ name: 'search', entrypoint: fileURLToPath(new URL('../src/search/client/search-directive.ts', import.meta.url)) });
  // `client:interaction`: diagram islands load when the reader reaches for them (src/components/plugins/interaction-directive.ts).
  addClientDirective({ name: 'interaction', entrypoint: fileURLToPath(new URL('../src/components/plugins/interaction-directive.ts', import.meta.url)) });
  updateConfig({
    vite: {
      plugins: [
        {
          name: 'playbill:site-data',
          resolveId: (id: string) => (id === virtualId ? `\0${virtualId}` : undefined),
          load: (id: string) => (id === `\0${virtualId}` ? `export const base = ${JSON.stringify(base)};` : undefined),
        },
      ],
    },
  });
}

/**
 * The site data: the pipeline on a worker thread, the plugins that could not run there after it on this one, problems
 * scrubbed of the environment's secrets, logged, and the build failed in strict mode.
 */
async function buildSite(options: PlaybillOptions, root: string, base: string, logger: AstroIntegrationLogger): Promise<SiteData> {
  // The pipeline runs on a worker thread while Astro starts and Vite builds; pages
  // await it (see src/site/load-site.ts), so its time overlaps instead of adding up.
  // Plugins run there too when they can be made again on the worker (they name their module);
  // otherwise here on the main thread after it, with the same results.
  const onWorker = pluginOriginsOf(options.plugins);
  const job: PipelineWorkerData = {
    options: { ...options, plugins: [] },
    plugins: 'origins' in onWorker ? onWorker.origins : [],
    env: { ...process.env },
    root,
    base,
  };
  const fromWorker = await runPipelineInWorker(job, logger);
  let site = fromWorker.site;
  const { pluginsLeft } = fromWorker;
  const onMainThread = 'reason' in onWorker ? onWorker.reason : pluginsLeft && `the worker could not load them (${pluginsLeft})`;
  if (onMainThread) {
    logger.info(printable(`plugins  running on the main thread: ${onMainThread}.`));
    const { runPluginStage } = await import('../src/plugins/index.ts');
    site = await runPluginStage(site, options, { root, report: (stage, detail, ms) => logStage(logger, stage, detail, ms) });
  }
  logProblems(site.problems, logger);
  failIfStrict(site.problems, options.strict);
  return site;
}

/** Docs assets served by the dev server from where they are in their repos, once the site data says which they are. */
function serveDocsAssets(server: HookArguments<'astro:server:setup'>['server'], built: () => Promise<SiteData>, options: PlaybillOptions): void {
  let assets: Promise<Map<string, string>> | undefined;
  server.middlewares.use((request, response, next) => {
    const pathname = decodeURIComponent((request.url ?? '/').split('?')[0]!);
    if (!pathname.includes('/docs/')) return next();
    assets ??= built().then((site) => new Map(site.docAssets.map((asset) => [asset.to, asset.from])));
    assets
      .then((byPath) => {
        const base = options.base ?? server.config.base ?? '/';
        const from = byPath.get(pathname.slice(base.endsWith('/') ? base.length : base.length + 1));
        if (!from) return next();
        response.setHeader('Content-Type', assetType(from));
        createReadStream(from).pipe(response);
      })
      .catch(() => next());
  });
}

/** Docs assets (images, downloads) copied into the built site as they are, like mkdocs does. */
async function copyDocsAssets(site: SiteData, out: string, logger: AstroIntegrationLogger): Promise<void> {
  for (const asset of site.docAssets) {
    const target = resolve(out, asset.to);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(asset.from, target);
  }
  if (site.docAssets.length > 0) logger.info(`assets   ${site.docAssets.length} docs assets copied`);
}

/** Search: pagefind indexes the written entity and docs pages; an indexing error fails the build. */
async function indexSearch(site: SiteData, out: string, options: PlaybillOptions, logger: AstroIntegrationLogger): Promise<void> {
  if (!options.search) {
    logger.info('search   no index (search: false)');
    return;
  }
  const searchStarted = performance.now();
  const { indexSite, searchBundleDir } = await import('../src/search/index.ts');
  const index = await indexSite(out);
  logStage(logger, 'search', `${index.pages} pages indexed, ${formatBytes(index.bytes)} in ${searchBundleDir}/`, performance.now() - searchStarted);
  const expected = site.views.length + site.docPages.length;
  if (index.pages !== expected) logger.warn(`search   expected ${expected} entity and docs pages in the index, found ${index.pages}.`);
}

/** Starts the pipeline worker, logs its progress, and settles with the site data it hands over (and why plugins did not run there). */
function runPipelineInWorker(data: PipelineWorkerData, logger: AstroIntegrationLogger): Promise<{ site: SiteData; pluginsLeft?: string }> {
  return new Promise((resolvePipeline, rejectPipeline) => {
    const worker = startPipelineWorker(data);
    worker.on('message', (message: PipelineWorkerMessage) => {
      if (message.type === 'stage') logStage(logger, message.stage, message.detail, message.milliseconds);
      else if (message.type === 'failed') rejectPipeline(new Error(`The Playbill pipeline failed: ${message.message}`));
      else resolvePipeline(message);
    });
    worker.on('error', (error) => rejectPipeline(error));
    worker.on('exit', (code) => {
      if (code !== 0) rejectPipeline(new Error(`The Playbill pipeline worker exited with code ${code}.`));
    });
  });
}

/** Strict mode: problems at or above the threshold fail the build (pages await this, so the build stops). */
function failIfStrict(problems: readonly Problem[], strict: PlaybillOptions['strict']): void {
  const threshold = strictThreshold(strict);
  const { errors, warnings } = countBySeverity(problems);
  const failing = threshold === 'error' ? errors : threshold === 'warning' ? errors + warnings : 0;
  if (failing > 0) {
    throw new Error(`Strict mode: ${failing} problem${failing === 1 ? '' : 's'} at or above "${threshold}" severity (listed above). Fix them or build without --strict.`);
  }
}

function logStage(logger: AstroIntegrationLogger, stage: string, detail: string, milliseconds: number) {
  logger.info(printable(`${stage.padEnd(8)} ${detail} (${formatMs(milliseconds)})`));
}

/** The CLI passes --repos/--strict/--base through the environment, so one config file serves both. */
function applyCommandLineOverrides(options: PlaybillOptions): PlaybillOptions {
  const repos = process.env.PLAYBILL_REPOS;
  const strict = process.env.PLAYBILL_STRICT;
  const base = process.env.PLAYBILL_BASE;
  const offline = process.env.PLAYBILL_OFFLINE;
  const cacheDir = process.env.PLAYBILL_CACHE_DIR;
  const search = process.env.PLAYBILL_SEARCH;
  const overrides: Record<string, unknown> = { ...options };
  if (cacheDir) overrides.cacheDir = resolve(cacheDir);
  if (offline) overrides.fetch = { ...options.fetch, offline: true };
  if (repos) overrides.sources = [{ type: 'directory', path: resolve(repos) }];
  if (strict) overrides.strict = strict === 'warning' ? 'warning' : true;
  if (base) overrides.base = base;
  if (search === '0') overrides.search = false;
  return parsePlaybillOptions(overrides);
}

function logProblems(problems: readonly Problem[], logger: AstroIntegrationLogger) {
  const shown = 50;
  for (const problem of problems.slice(0, shown)) {
    const line = formatProblemLine(problem);
    if (problem.severity === 'error') logger.error(line);
    else logger.warn(line);
  }
  if (problems.length > shown) logger.warn(`…and ${problems.length - shown} more problems: see /problems/ or problems.json.`);
}

function assetType(path: string): string {
  const types: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf' };
  return types[path.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} kB`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}
