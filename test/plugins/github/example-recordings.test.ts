import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { github } from '../../../integrations/plugins/github/index.ts';
import { loadCatalog } from '../../../src/catalog/index.ts';
import { createRecordedTransport } from '../../../src/plugins/recorded-transport.ts';
import { runPlugins, type PluginStageResult } from '../../../src/plugins/run-plugins.ts';
import { listDirectoryRepos } from '../../../src/sources/directory-source.ts';
import { projectRoot } from '../../support/build-site.ts';
import { defaultLoadOptions } from '../../support/temp-repos.ts';

/**
 * The example organisation's GitHub panels come from content/recordings/github.json through
 * Octokit and the recorded transport, exactly as `npm start` builds them: every annotated
 * entity gets data, with the deliberate variety the sample shows.
 */
let result: PluginStageResult;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-github-recordings-'));
  const repos = await listDirectoryRepos(join(projectRoot, 'content/example-org'));
  const catalog = await loadCatalog(repos, defaultLoadOptions);
  const transport = await createRecordedTransport(join(projectRoot, 'content/recordings'));
  // The cache's age counts from when a response was recorded, so the test keeps recorded answers fresh forever.
  result = await runPlugins([github()], catalog.entities, repos, {
    policy: { concurrency: 6, timeoutMs: 5000, retries: 0, backoffMs: 0, maxRateLimitWaitMs: 0, cacheTtlMs: Number.MAX_SAFE_INTEGER, offline: false, entityTimeoutMs: 20_000 },
    cacheDir,
    transport,
    sample: true,
    problemSeverity: 'warning',
    maxFileBytes: 1024 * 1024,
    env: {},
  });
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

const card = (ref: string) => result.byEntity.get(ref)!.cards[0]!;

describe('the example organisation’s GitHub sample data', () => {
  it('answers every annotated component without a problem, as sample data dated when recorded', () => {
    expect(result.problems).toEqual([]);
    expect(result.stats[0]!.entities).toBe(18);
    // Seven repos, five requests each; the other components of a repo share its fetch (fetchKey), data and date.
    expect(result.stats[0]!.fetch).toMatchObject({ requests: 35, cached: 0 });
    for (const output of result.byEntity.values()) expect(output.cards[0]).toMatchObject({ sample: true, fetchedAt: '2026-11-27T14:02:00Z' });
  });

  it('shows a passing, a failing, a running and a cancelled repo', () => {
    expect(card('component:default/ticketing-service').content!.status).toEqual({ tone: 'ok', label: 'CI passing' });
    expect(card('component:default/payments-core').content!.status).toEqual({ tone: 'error', label: 'CI failing' });
    expect(card('component:default/events-catalog').content!.status).toEqual({ tone: 'info', label: 'CI running' });
    expect(card('component:data/warehouse-models').content!.status).toEqual({ tone: 'warning', label: 'CI cancelled' });
  });

  it('has a repo without releases, on master, with no open pull requests', () => {
    const facts = card('component:default/invoice-generator').content!.blocks[1]!;
    expect(facts.type === 'facts' && Object.fromEntries(facts.items.map((item) => [item.label, item.value]))).toMatchObject({
      'Default branch': { text: 'master' },
      'Latest release': 'No releases',
      'Open pull requests': { text: '0' },
    });
  });

  it('counts open pull requests from the recorded Link header and lists ten runs on the CI/CD tab', () => {
    expect(result.byEntity.get('component:default/web-storefront')!.catalog.github).toMatchObject({ openPullRequests: 21, latestRelease: { tag: 'encore-ui@4.2.0' } });
    const table = result.byEntity.get('component:default/ticketing-service')!.tabs[0]!.content!.blocks[1]!;
    expect(table.type === 'table' && table.rows).toHaveLength(10);
  });
});
