import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definePlugin, z, type CatalogEntity, type PluginFile } from '../../integrations/plugin-api.ts';
import { runPlugins, type PluginStageOptions } from '../../src/plugins/run-plugins.ts';

const entity: CatalogEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ticketing', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  relations: [],
  source: { repo: 'shop', file: 'catalog-info.yaml', line: 1 },
};

/** A plugin publishing the names of every entity it saw, as a JSON file for an island. */
const namesPlugin = (files: PluginFile[] | 'from-data') =>
  definePlugin({
    name: 'names',
    title: 'Names',
    create: () => ({
      appliesTo: () => true,
      data: z.object({ name: z.string() }),
      fetch: async (e) => ({ name: e.metadata.name }),
      files: async (results) => (files === 'from-data' ? [{ path: 'names.json', content: { names: results.map((result) => result.data.name) } }] : files),
    }),
  })();

let cacheDir: string;
let options: PluginStageOptions;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-plugin-files-'));
  options = {
    policy: { concurrency: 2, timeoutMs: 1000, retries: 0, backoffMs: 10, maxRateLimitWaitMs: 0, offline: false, cacheTtlMs: 0, entityTimeoutMs: 1000 },
    cacheDir,
    transport: fetch,
    sample: false,
    problemSeverity: 'warning',
    maxFileBytes: 1 << 20,
  };
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

describe('plugin files', () => {
  it('publishes the JSON a plugin builds from every entity’s data', async () => {
    const result = await runPlugins([namesPlugin('from-data')], [entity], [], options);
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([{ plugin: 'names', path: 'names.json', json: '{"names":["ticketing"]}' }]);
  });

  it('refuses a path that is not one lowercase .json name, as a problem of that plugin', async () => {
    const result = await runPlugins([namesPlugin([{ path: '../escape.json', content: {} }])], [entity], [], options);
    expect(result.files).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'plugin-failed', plugin: 'names' });
    expect(result.problems[0]!.message).toContain('file path "../escape.json" must be one lowercase name ending in ".json"');
  });
});
