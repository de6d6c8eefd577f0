import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '../../../integrations/plugin-api.ts';
import { apiDocs } from '../../../integrations/plugins/api-docs/index.ts';
import { loadCatalog } from '../../../src/catalog/index.ts';
import { runPlugins } from '../../../src/plugins/run-plugins.ts';
import { makeRepos } from '../../support/temp-repos.ts';
import { largeOpenApi } from './large-openapi.ts';

describe('a large definition', () => {
  it('renders a 300-operation OpenAPI document in a few seconds, every operation collapsed in its tag', { timeout: 120_000 }, async () => {
    const { repos } = await makeRepos({
      big: {
        'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: big\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ./openapi.yaml\n',
        'openapi.yaml': largeOpenApi(30),
      },
    });
    const catalog = await loadCatalog(repos, { catalogFiles: [], customKinds: [], maxFileBytes: 4 * 1024 * 1024 });
    const cacheDir = await mkdtemp(join(tmpdir(), 'playbill-api-docs-cache-'));
    try {
      const started = performance.now();
      const result = await runPlugins([apiDocs()], catalog.entities, repos, {
        policy: { concurrency: 4, timeoutMs: 1000, retries: 0, backoffMs: 10, maxRateLimitWaitMs: 100, cacheTtlMs: 60_000, offline: false, entityTimeoutMs: 60_000 },
        cacheDir,
        transport: async () => {
          throw new Error('no network');
        },
        sample: false,
        problemSeverity: 'warning',
        maxFileBytes: 4 * 1024 * 1024,
      });
      const milliseconds = performance.now() - started;
      expect(result.problems).toEqual([]);
      const tab = result.byEntity.get('api:default/big')!.tabs[0]!.content!;
      const tags = tab.blocks.filter((block): block is SectionBlock => block.type === 'section' && block.title.startsWith('resources-'));
      expect(tags).toHaveLength(30);
      expect(tags.flatMap((tag) => tag.blocks.filter((block) => block.type === 'section' && block.collapsed))).toHaveLength(300);
      const kilobytes = Math.round(JSON.stringify(tab).length / 1024);
      console.log(`api-docs: 300-operation OpenAPI (${Math.round(largeOpenApi(30).length / 1024)} kB of YAML) mapped, checked and rendered in ${Math.round(milliseconds)} ms; tab panel ${kilobytes} kB of JSON`);
      // Generous, as the machine is shared: it took 1.4–3.6 s cold on a 2-core machine at load 9–13.
      expect(milliseconds).toBeLessThan(60_000);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
