import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ApiReference, DefinitionType } from './api-reference.ts';
import type { TextPosition } from './definition-error.ts';
import type { ReadRepoFile } from './repo-refs.ts';
import type { SchemaLimits } from './schema-rows.ts';

/**
 * Where definitions are mapped: worker threads that can be stopped. Parsing, dereferencing and
 * validating a definition is synchronous; on the plugin stage's thread no deadline could
 * interrupt it, and one hostile definition held the whole build. Each definition runs on a
 * worker with its own time limit, counted from when it starts there (not while it queues); a
 * definition over it has its worker terminated, and the next one gets a new worker. Workers are
 * long-lived otherwise, so each parser loads once per worker, not once per definition.
 */

/** One definition to map: everything the mapper needs, as plain data. */
export interface DefinitionJob {
  type: DefinitionType;
  text: string;
  /** Repo-relative file the definition is in; references resolve against its folder. */
  file: string;
  limits: SchemaLimits;
  maxExpandedNodes: number;
  maxDefinitionRows: number;
}

/** Messages to a worker: a job, or the answer to one of its reads. */
export type ToWorker = { kind: 'map'; job: DefinitionJob } | { kind: 'read'; id: number; text: string; error?: undefined } | { kind: 'read'; id: number; error: string };

/** Messages from a worker: a read of a repo file, or how its job ended. */
export type FromWorker = { kind: 'read'; id: number; path: string } | Exclude<DefinitionOutcome, { kind: 'timed-out' | 'cancelled' }>;

export type DefinitionOutcome =
  | { kind: 'mapped'; reference: ApiReference; warnings: string[] }
  /** The definition is wrong: a DefinitionError's message and position. */
  | { kind: 'invalid'; message: string; position?: TextPosition }
  /** It ran past its time and its worker was stopped. */
  | { kind: 'timed-out' }
  /** The worker failed (a bug, out of memory, could not start). */
  | { kind: 'crashed'; message: string }
  /** The entity's own deadline came first; nobody waits for this outcome. */
  | { kind: 'cancelled' };

interface Queued {
  job: DefinitionJob;
  readFile: ReadRepoFile;
  timeoutMs: number;
  resolve(outcome: DefinitionOutcome): void;
  /** Set while it runs: stops its worker. */
  stop?: () => void;
}

const workerUrl = new URL('./definition-worker.ts', import.meta.url);

export class DefinitionWorkers {
  private readonly size: number;
  private readonly live = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly waiting: Queued[] = [];

  /** One worker, or two where the machine has cores to spare beside the stage and Astro's build. */
  constructor(size = Math.max(1, Math.min(2, availableParallelism() - 1))) {
    this.size = size;
  }

  /** Maps one definition on a worker, stopping it after `timeoutMs` there, or when `signal` aborts. */
  map(job: DefinitionJob, readFile: ReadRepoFile, timeoutMs: number, signal: AbortSignal): Promise<DefinitionOutcome> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve({ kind: 'cancelled' });
      const onAbort = () => {
        const index = this.waiting.indexOf(queued);
        if (index < 0) return queued.stop?.();
        this.waiting.splice(index, 1);
        queued.resolve({ kind: 'cancelled' });
      };
      const queued: Queued = {
        job,
        readFile,
        timeoutMs,
        resolve: (outcome) => {
          signal.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(queued);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.live.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      this.start(worker, this.waiting.shift()!);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(workerUrl);
    this.live.add(worker);
    // An idle worker never keeps the build's process (or the pipeline worker) alive.
    worker.unref();
    worker.once('exit', () => {
      this.live.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      this.dispatch();
    });
    return worker;
  }

  private start(worker: Worker, queued: Queued): void {
    let settled = false;
    const finish = (outcome: DefinitionOutcome, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      queued.stop = undefined;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) {
        worker.unref();
        this.idle.push(worker);
      } else {
        // Its exit listener frees the slot, and the next definition gets a new worker.
        void worker.terminate();
      }
      queued.resolve(outcome);
      this.dispatch();
    };
    const onMessage = (message: FromWorker) => {
      if (message.kind !== 'read') return finish(message, true);
      const answer = (reply: ToWorker) => settled || worker.postMessage(reply);
      queued.readFile(message.path).then(
        (text) => answer({ kind: 'read', id: message.id, text }),
        (error: unknown) => answer({ kind: 'read', id: message.id, error: error instanceof Error ? error.message : String(error) }),
      );
    };
    const onError = (error: Error & { code?: string }) =>
      finish({ kind: 'crashed', message: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory' : error.message || error.name }, false);
    const onExit = (code: number) => finish({ kind: 'crashed', message: `its worker stopped (exit code ${code})` }, false);
    // The timer keeps the event loop alive while a definition is being mapped, as the worker does.
    const timer = setTimeout(() => finish({ kind: 'timed-out' }, false), queued.timeoutMs);
    worker.ref();
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    queued.stop = () => finish({ kind: 'cancelled' }, false);
    worker.postMessage({ kind: 'map', job: queued.job } satisfies ToWorker);
  }
}
