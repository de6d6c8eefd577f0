/**
 * Runs the pipeline on a worker thread, so parsing and validating thousands of descriptors
 * overlaps with Astro's own start-up and Vite build on the other core. It writes the site
 * data file the pages read and reports progress and problems to the integration.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { enableCompileCache } from 'node:module';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { PlaybillOptions } from './config/options.ts';
import type { Problem } from './catalog/problems.ts';

// A worker is a Node instance of its own: it keeps compiled modules on disk too (see scripts/playbill.ts),
// before the pipeline's modules (Backstage's model, ajv, YAML, the docs renderer) are loaded.
enableCompileCache?.();
const { runPipeline } = await import('./pipeline.ts');

export interface PipelineWorkerData {
  options: PlaybillOptions;
  root: string;
  /** The site's base path, for URLs written into rendered docs. */
  base: string;
  dataFile: string;
}

export type PipelineWorkerMessage =
  | { type: 'stage'; stage: string; detail: string; milliseconds: number }
  | { type: 'done'; problems: Problem[] }
  | { type: 'failed'; message: string };

// Started ahead by the CLI (pipeline-worker-start.ts), the worker gets its job as a message once the config is loaded.
const job = (workerData as PipelineWorkerData | null) ?? (await new Promise<PipelineWorkerData>((resolve) => parentPort!.once('message', resolve)));
const { options, root, base, dataFile } = job;
const post = (message: PipelineWorkerMessage) => parentPort!.postMessage(message);

try {
  const { site } = await runPipeline(options, {
    root,
    base,
    report: (stage, detail, milliseconds) => post({ type: 'stage', stage, detail, milliseconds }),
  });
  await mkdir(dirname(dataFile), { recursive: true });
  await writeFile(dataFile, JSON.stringify(site));
  post({ type: 'done', problems: site.problems });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
