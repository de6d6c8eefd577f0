import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { PlaybillOptions } from '../src/config/options.ts';
import { loadProjectOptions } from '../src/config/project-config.ts';
import { runPipeline } from '../src/pipeline.ts';
import type { SiteData } from '../src/site/site-data.ts';
import { formatProblemLocation, printable } from '../src/vocabulary/printable.ts';
import { countBySeverity } from '../src/vocabulary/problems.ts';

export interface CheckOptions {
  /** `warning`: warnings fail the check too. */
  strict: 'error' | 'warning';
  /** The Playbill checkout whose config the build would load. */
  projectRoot: string;
  /** Another config file (`--config FILE`), as for `build`. */
  configFile?: string;
}

/**
 * Validates one repo with the portal's own pipeline and configuration: runPipeline over that repo
 * alone, its descriptors, its TechDocs (links and anchors included) and the plugins that need no
 * network (API definitions), and prints problems as `file:line:column: severity: message`.
 * What only other repos can resolve (relation targets, their docs) is a warning.
 * Returns the exit code: 1 when any problem at or above `strict` severity was found.
 */
export async function runCheck(repoDir: string, options: CheckOptions): Promise<number> {
  const site = await checkRepo(repoDir, await loadProjectOptions(options.projectRoot, options.configFile), options.projectRoot);
  const repoName = printable(basename(repoDir));
  for (const problem of site.problems) {
    console.log(`${formatProblemLocation(problem).slice(repoName.length + 1) || repoName}: ${problem.severity}: ${problem.message}`);
  }
  const { errors, warnings } = countBySeverity(site.problems);
  console.log(`${repoName}: ${site.entities.length} entities, ${site.docPages.length} docs pages, ${errors} errors, ${warnings} warnings`);
  return errors > 0 || (options.strict === 'warning' && warnings > 0) ? 1 : 0;
}

/** The site data of one repo built alone with the project's options (its problems scrubbed of the environment's credentials by the pipeline, as a build's are). */
export async function checkRepo(repoDir: string, project: PlaybillOptions, root: string): Promise<SiteData> {
  // Rendered pages and plugin files go to a folder of this check's own: it shares no cache with a build.
  const cacheDir = await mkdtemp(join(tmpdir(), 'playbill-check-'));
  try {
    // On this thread: for one repo, a worker's start-up (loading the pipeline again) costs more than it overlaps.
    // runPipeline's plugin stage scrubs the problems of the environment's credentials, as in a build.
    return (await runPipeline(checkOptions(project, repoDir, cacheDir), { root, scope: 'repo' })).site;
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/**
 * The project's options for one repo: that folder as the only source, only the plugins that make
 * no requests, and offline, so a plugin that asks anyway is refused rather than reaching a service.
 */
export function checkOptions(project: PlaybillOptions, repoDir: string, cacheDir: string): PlaybillOptions {
  return {
    ...project,
    sources: [{ type: 'repo', path: repoDir }],
    plugins: project.plugins.filter((plugin) => plugin.network === false),
    fetch: { ...project.fetch, offline: true, recordings: undefined },
    cacheDir,
    strict: false,
  };
}
