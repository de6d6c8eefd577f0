import type { AstroIntegration } from 'astro';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countBySeverity, formatProblemLocation, type Problem } from '../src/catalog/index.ts';
import {
  parsePlaybillOptions,
  strictThreshold,
  type PlaybillOptions,
  type PlaybillUserOptions,
  type SourceConfig,
} from '../src/config/options.ts';
import { runPipeline } from '../src/pipeline.ts';

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
const routes = [
  ['/', 'index.astro'],
  ['/catalog', 'catalog/index.astro'],
  ['/catalog/[namespace]/[kind]/[name]', 'catalog/entity.astro'],
  ['/problems', 'problems.astro'],
  ['/catalog.json', 'catalog-json.ts'],
  ['/problems.json', 'problems-json.ts'],
] as const;

/**
 * The Playbill integration: runs the pipeline (sources → catalog → page models) once when
 * Astro starts, hands the result to the injected pages through a data file, and reports
 * problems. `npm run build -- --repos DIR --strict` overrides options through PLAYBILL_* variables.
 */
export default function playbill(userOptions: PlaybillUserOptions = {}): AstroIntegration {
  const options = applyCommandLineOverrides(parsePlaybillOptions(userOptions));
  let buildStarted = 0;
  return {
    name: 'playbill',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, injectRoute, logger }) => {
        // Pages read the base path from here rather than import.meta.env.BASE_URL, which a stray
        // BASE_URL environment variable can override.
        const base = options.base ?? config.base;
        const root = fileURLToPath(config.root);
        const cacheDir = resolve(root, options.cacheDir);
        const dataFile = resolve(cacheDir, 'site-data.json');
        if (options.base) updateConfig({ base: options.base });
        for (const [pattern, file] of routes) {
          injectRoute({ pattern, entrypoint: new URL(`../src/routes/${file}`, import.meta.url), prerender: true });
        }
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'playbill:site-data',
                resolveId: (id: string) => (id === virtualId ? `\0${virtualId}` : undefined),
                load: (id: string) =>
                  id === `\0${virtualId}` ? `export const dataFile = ${JSON.stringify(dataFile)};\nexport const base = ${JSON.stringify(base)};` : undefined,
              },
            ],
          },
        });
        if (command !== 'build' && command !== 'dev') return;

        buildStarted = performance.now();
        const { site } = await runPipeline(options, {
          root,
          report: (stage, detail, ms) => logger.info(`${stage.padEnd(8)} ${detail} (${formatMs(ms)})`),
        });
        await mkdir(cacheDir, { recursive: true });
        await writeFile(dataFile, JSON.stringify(site));
        logProblems(site.problems, logger);
        const threshold = strictThreshold(options.strict);
        const { errors, warnings } = countBySeverity(site.problems);
        const failing = threshold === 'error' ? errors : threshold === 'warning' ? errors + warnings : 0;
        if (failing > 0) {
          throw new Error(`Strict mode: ${failing} problem${failing === 1 ? '' : 's'} at or above "${threshold}" severity (listed above). Fix them or build without --strict.`);
        }
      },
      'astro:build:done': ({ pages, logger }) => {
        logger.info(`pages    ${pages.length} pages written (${formatMs(performance.now() - buildStarted)} since the pipeline started)`);
      },
    },
  };
}

/** The CLI passes --repos/--strict/--base through the environment, so one config file serves both. */
function applyCommandLineOverrides(options: PlaybillOptions): PlaybillOptions {
  const repos = process.env.PLAYBILL_REPOS;
  const strict = process.env.PLAYBILL_STRICT;
  const base = process.env.PLAYBILL_BASE;
  const overrides: Record<string, unknown> = { ...options };
  if (repos) overrides.sources = [{ type: 'directory', path: resolve(repos) }];
  if (strict) overrides.strict = strict === 'warning' ? 'warning' : true;
  if (base) overrides.base = base;
  return parsePlaybillOptions(overrides);
}

function logProblems(problems: readonly Problem[], logger: { warn(message: string): void; error(message: string): void }) {
  const shown = 50;
  for (const problem of problems.slice(0, shown)) {
    const line = `${formatProblemLocation(problem)} ${problem.message}`;
    if (problem.severity === 'error') logger.error(line);
    else logger.warn(line);
  }
  if (problems.length > shown) logger.warn(`…and ${problems.length - shown} more problems: see /problems/ or problems.json.`);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}
