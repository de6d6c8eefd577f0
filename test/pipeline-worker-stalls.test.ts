import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlaybillOptions } from '../src/config/options.ts';
import type { PipelineWorkerMessage } from '../src/pipeline-worker.ts';
import { startPipelineWorker } from '../src/pipeline-worker-start.ts';
import { makeRepos, yaml } from './support/temp-repos.ts';

describe('the pipeline worker, when what it waits for never settles', () => {
  it('fails with a message saying so, instead of ending silently', async () => {
    const { root } = await makeRepos({
      ledger: { 'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: ledger }
        spec: { type: service, lifecycle: production, owner: user:ada }
      ` },
    });
    const options = parsePlaybillOptions({ sources: [{ type: 'directory', path: root }], cacheDir: join(root, '.cache') });
    // A plugin module that never finishes loading: nothing is left for the worker's event loop to run.
    const module = new URL('./fixtures/silent-plugins/never-loads.ts', import.meta.url).href;
    const worker = startPipelineWorker({ options, plugins: [{ module, name: 'never-loads', options: {} }], env: {}, root, base: '/' });
    const outcome = await new Promise<PipelineWorkerMessage | { exitCode: number }>((resolve) => {
      worker.on('message', (message: PipelineWorkerMessage) => message.type !== 'stage' && resolve(message));
      worker.once('exit', (exitCode) => resolve({ exitCode }));
    });
    await worker.terminate();
    expect(outcome).toEqual({
      type: 'failed',
      message: 'the pipeline stopped after pages: its event loop emptied while it waited for a promise that never settles (a plugin or stage that never answers, with no timer of its own)',
    });
  });
});
