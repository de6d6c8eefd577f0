import { Worker } from 'node:worker_threads';
import type { PipelineWorkerData } from './pipeline-worker.ts';

const workerUrl = new URL('./pipeline-worker.ts', import.meta.url);
/** A registered symbol: the CLI and the integration (loaded through Astro's config loader) are separate module instances. */
const prewarmedKey = Symbol.for('playbill.prewarmedPipelineWorker');

interface Prewarmed {
  worker: Worker;
  /** Set when it failed or stopped before being used: it is not handed out then. */
  ended: boolean;
}

/**
 * Starts the pipeline worker before Astro is even imported (the CLI calls this), so that the
 * worker loads the pipeline's modules (Backstage's model, ajv, YAML) while
 * the main thread loads Astro and the config, instead of after. The worker then waits for its
 * job. Unreferenced: if no build takes it (a config without Playbill, a failed start), it does
 * not keep the process alive.
 */
export function prewarmPipelineWorker(): void {
  const worker = new Worker(workerUrl, { workerData: null });
  const prewarmed: Prewarmed = { worker, ended: false };
  worker.unref();
  // Until a build takes it, a failure only means it is not used; a new worker reports the error.
  worker.once('error', () => (prewarmed.ended = true));
  worker.once('exit', () => (prewarmed.ended = true));
  (globalThis as Record<symbol, unknown>)[prewarmedKey] = prewarmed;
}

/** Runs the pipeline on the pre-started worker if there is a live one (taken once), else on a new worker. */
export function startPipelineWorker(data: PipelineWorkerData): Worker {
  const store = globalThis as Record<symbol, unknown>;
  const prewarmed = store[prewarmedKey] as Prewarmed | undefined;
  delete store[prewarmedKey];
  if (prewarmed && !prewarmed.ended) {
    prewarmed.worker.ref();
    prewarmed.worker.postMessage(data);
    return prewarmed.worker;
  }
  void prewarmed?.worker.terminate();
  return new Worker(workerUrl, { workerData: data });
}
