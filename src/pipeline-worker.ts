/**
 * Runs the pipeline on a worker thread, so parsing and validating thousands of descriptors
 * overlaps with Astro's own start-up and Vite build on the other core. Plugins that name their
 * module run here too (see src/plugins/plugin-origins.ts). It reports progress, and hands the
 * site data to the integration in its last message.
 */
import { enableCompileCache } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { PlaybillOptions } from './config/options.ts';
import type { PluginOrigin } from './plugins/plugin-origins.ts';
import type { SiteData } from './site/index.ts';

// A worker is a Node instance of its own: it keeps compiled modules on disk too (see scripts/playbill.ts),
// before the pipeline's modules (Backstage's model, ajv, YAML) are loaded; the docs renderer loads only for a build with docs.
enableCompileCache?.();
const { runPipeline } = await import('./pipeline.ts');

export interface PipelineWorkerData {
  /** Without plugins (functions cannot cross threads): `plugins` says which to make here. */
  options: PlaybillOptions;
  /** Plugins to run on this thread after the pipeline; empty when there are none or they run on the main thread. */
  plugins: PluginOrigin[];
  /** The main thread's environment when the build started, for plugins' secrets (a pre-started worker's copy may be older). */
  env: NodeJS.ProcessEnv;
  root: string;
  /** The site's base path, for URLs written into rendered docs. */
  base: string;
  /** `repo` for `check`: one repo on its own (see runPipeline's context). */
  scope?: 'portal' | 'repo';
}

export type PipelineWorkerMessage =
  | { type: 'stage'; stage: string; detail: string; milliseconds: number }
  /**
   * The site crosses as a message (a structured clone), not as a file: for a large catalog it is a
   * big JSON file, and writing, reading and parsing it cost every page a wait (BENCHMARKS.md).
   */
  | {
      type: 'done';
      site: SiteData;
      /** Why the plugins it was handed did not run here (a module it could not import): the main thread runs them. */
      pluginsLeft?: string;
    }
  | { type: 'failed'; message: string };

// Started ahead by the CLI (pipeline-worker-start.ts), the worker gets its job as a message once the config is loaded,
// and compiles Backstage's schemas meanwhile (a message arriving during that waits for it).
const job = (workerData as PipelineWorkerData | null) ?? (await waitForJob());

async function waitForJob(): Promise<PipelineWorkerData> {
  const message = new Promise<PipelineWorkerData>((resolve) => parentPort!.once('message', resolve));
  const { prepareEntityValidation } = await import('./catalog/index.ts');
  await prepareEntityValidation();
  return message;
}
const { options, root, base } = job;
const post = (message: PipelineWorkerMessage) => parentPort!.postMessage(message);
// The stage under way, for the message below: the one after the last that reported.
let lastReported = 'the start';
const report = (stage: string, detail: string, milliseconds: number) => {
  lastReported = stage;
  post({ type: 'stage', stage, detail, milliseconds });
};
// A promise that never settles, with nothing else pending, empties the event loop during the
// await below and Node would end the thread with code 13 and no word; say so instead.
let finished = false;
process.once('beforeExit', () => {
  if (!finished) post({ type: 'failed', message: `the pipeline stopped after ${lastReported}: its event loop emptied while it waited for a promise that never settles (a plugin or stage that never answers, with no timer of its own)` });
});

try {
  let pluginsLeft: string | undefined;
  // Made here from their origins when the plugin stage starts. A module that imports only under Vite
  // (an alias, a virtual module) fails here, not the build: the stage is skipped and the main thread runs it.
  const plugins = async (): Promise<PlaybillOptions['plugins']> => {
    if (job.plugins.length === 0) return [];
    const { loadPlugins } = await import('./plugins/plugin-origins.ts');
    return loadPlugins(job.plugins).catch((error: unknown) => {
      pluginsLeft = error instanceof Error ? error.message : String(error);
      return [];
    });
  };
  const { site } = await runPipeline(options, { root, base, report, env: job.env, scope: job.scope, plugins });
  post({ type: 'done', site, ...(pluginsLeft ? { pluginsLeft } : {}) });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  finished = true;
}
