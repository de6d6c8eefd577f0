import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definePlugin, z, type CatalogEntity } from '../../integrations/plugin-api.ts';
import { runPlugins } from '../../src/plugins/run-plugins.ts';
import { testStageOptions } from '../support/plugin-stage.ts';

/**
 * Plugins run side by side and finish in any order; what they add to an entity must still come out in the order they
 * are configured, or two builds of the same input would write pages that differ (the search filters are the page's
 * `data-pagefind-filter` elements, in this order).
 */
const entity: CatalogEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  relations: [],
  source: { repo: 'shop', file: 'catalog-info.yaml', line: 1 },
};

/** A plugin that answers after `delayMs` and files the entity under `tier` (a filter another plugin also fills). */
function tierPlugin(name: string, tier: string, delayMs: number) {
  return definePlugin({
    name,
    title: name,
    create: () => ({
      appliesTo: () => true,
      data: z.object({ tier: z.string() }),
      fetch: async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return { tier };
      },
      card: (data) => ({ blocks: [{ type: 'text', text: data.tier }] }),
      badges: (data) => [{ label: 'tier', value: data.tier }],
      search: (data) => ({ tier: data.tier, [`${name}-only`]: data.tier }),
    }),
  })();
}

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-plugin-order-'));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

describe('the plugin stage', () => {
  it('merges search filters that two plugins fill in the plugins’ configured order, whichever finishes first', async () => {
    // The first-configured plugin is the slower one, so completion order is the reverse of configuration order.
    const result = await runPlugins([tierPlugin('slow', 'gold', 80), tierPlugin('fast', 'bronze', 0)], [entity], [], testStageOptions(cacheDir));
    expect(result.problems).toEqual([]);
    const output = result.byEntity.get('component:default/checkout')!;
    expect(output.searchFilters).toEqual({ 'fast-only': ['bronze'], 'slow-only': ['gold'], tier: ['gold', 'bronze'] });
    expect(Object.keys(output.searchFilters)).toEqual(['fast-only', 'slow-only', 'tier']);
    expect(output.cards.map((card) => card.plugin)).toEqual(['slow', 'fast']);
    expect(output.badges.map((badge) => badge.value)).toEqual(['gold', 'bronze']);
  });
});
