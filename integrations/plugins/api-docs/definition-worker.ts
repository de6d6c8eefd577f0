import { parentPort } from 'node:worker_threads';
import type { ApiReference } from './api-reference.ts';
import { DefinitionError } from './definition-error.ts';
import type { FromWorker, ToWorker, DefinitionJob } from './definition-workers.ts';
import type { MapInput } from './map-input.ts';

/**
 * The API docs plugin's worker thread: maps one definition at a time (parse, dereference,
 * validate, flatten) and posts back the reference as plain data. Parsing is synchronous work
 * that no timer on the plugin stage's thread can interrupt; here `definition-workers.ts` can
 * stop it by terminating the thread. Repo files are read by the stage's thread, which owns the
 * plugin context: each read is a message there and back.
 */
const port = parentPort!;
const pendingReads = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
let nextRead = 0;

port.on('message', (message: ToWorker) => {
  if (message.kind === 'read') {
    const pending = pendingReads.get(message.id);
    pendingReads.delete(message.id);
    if (message.error !== undefined) pending?.reject(new Error(message.error));
    else pending?.resolve(message.text);
    return;
  }
  void run(message.job);
});

async function run(job: DefinitionJob): Promise<void> {
  const warnings: string[] = [];
  const input: MapInput = {
    file: job.file,
    limits: job.limits,
    maxExpandedNodes: job.maxExpandedNodes,
    maxDefinitionRows: job.maxDefinitionRows,
    warn: (message) => warnings.push(message),
    readFile: (path) =>
      new Promise((resolve, reject) => {
        const id = nextRead++;
        pendingReads.set(id, { resolve, reject });
        post({ kind: 'read', id, path });
      }),
  };
  try {
    post({ kind: 'mapped', reference: await mapDefinition(job, input), warnings });
  } catch (error) {
    if (error instanceof DefinitionError) post({ kind: 'invalid', message: error.message, position: error.position });
    else post({ kind: 'crashed', message: error instanceof Error ? error.message || error.name : String(error) });
  }
}

function post(message: FromWorker): void {
  port.postMessage(message);
}

/** Each parser loads on the first definition of its type, so a build without AsyncAPI never loads the heaviest one. */
async function mapDefinition({ type, text }: DefinitionJob, input: MapInput): Promise<ApiReference> {
  switch (type) {
    case 'openapi':
      return (await import('./map-openapi.ts')).mapOpenApi(text, input);
    case 'asyncapi':
      return (await import('./map-asyncapi.ts')).mapAsyncApi(text, input);
    case 'graphql':
      return (await import('./map-graphql.ts')).mapGraphQl(text);
    case 'grpc':
      return (await import('./map-grpc.ts')).mapGrpc(text, input);
  }
}
