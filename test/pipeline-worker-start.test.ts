import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parsePlaybillOptions } from '../src/config/options.ts';
import type { PipelineWorkerMessage } from '../src/pipeline-worker.ts';
import { prewarmPipelineWorker, startPipelineWorker } from '../src/pipeline-worker-start.ts';
import { pluginOriginsOf } from '../src/plugins/plugin-origins.ts';
import { notes } from './fixtures/plugins-e2e/fault-plugins.ts';
import { makeRepos, yaml } from './support/temp-repos.ts';

const descriptor = yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ledger
  spec: { type: service, lifecycle: production, owner: user:ada }
`;

/** The worker's last message: `done` with the site data, or `failed`. */
function finished(worker: Worker): Promise<PipelineWorkerMessage> {
  return new Promise((resolve, reject) => {
    worker.on('message', (message: PipelineWorkerMessage) => {
      if (message.type !== 'stage') resolve(message);
    });
    worker.on('error', reject);
  });
}

async function job() {
  const { root } = await makeRepos({ ledger: { 'catalog-info.yaml': descriptor } });
  const options = parsePlaybillOptions({ sources: [{ type: 'directory', path: root }], cacheDir: join(root, '.cache') });
  return { options, plugins: [], env: {}, root, base: '/' };
}

describe('the pipeline worker', () => {
  it('runs the job it is handed after being started ahead of the config', async () => {
    prewarmPipelineWorker();
    const data = await job();
    const message = await finished(startPipelineWorker(data));
    if (message.type !== 'done') throw new Error(JSON.stringify(message));
    expect(message.site.entities.map((entity) => entity.metadata.name)).toEqual(['ledger']);
  });

  it('starts a worker of its own when none was started ahead (a build run by the astro CLI)', async () => {
    const data = await job();
    const message = await finished(startPipelineWorker(data));
    if (message.type !== 'done') throw new Error(JSON.stringify(message));
    expect(message.site.entities).toHaveLength(1);
  });

  it('runs the plugins it is handed by their module, and their panels are in the site data', async () => {
    const origins = pluginOriginsOf([notes()]);
    if (!('origins' in origins)) throw new Error(origins.reason);
    const data = { ...(await job()), plugins: origins.origins };
    const message = await finished(startPipelineWorker(data));
    if (message.type !== 'done') throw new Error(JSON.stringify(message));
    expect(message.site.views[0]!.cards).toEqual([expect.objectContaining({ plugin: 'notes', content: { blocks: [{ type: 'text', text: 'Notes for ledger' }] } })]);
  });

  it('hands the site over without plugin output, and says why, when a plugin module cannot be imported there', async () => {
    const data = { ...(await job()), plugins: [{ module: 'file:///nowhere/playbill-plugin.ts', name: 'ghost', options: {} }] };
    const message = await finished(startPipelineWorker(data));
    if (message.type !== 'done') throw new Error(JSON.stringify(message));
    expect(message.site.views[0]!.cards ?? []).toEqual([]);
    expect(message.pluginsLeft).toMatch(/nowhere\/playbill-plugin\.ts/);
  });
});
