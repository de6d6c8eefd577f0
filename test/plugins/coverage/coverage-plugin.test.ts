import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../../integrations/plugin-api.ts';
import { coverage } from '../../../integrations/plugins/coverage/index.ts';
import { runPlugins, type PluginStageOptions } from '../../../src/plugins/run-plugins.ts';
import { startMockServer, type MockServer } from '../../../support/mock-services/http-server.ts';
import { makeRepos } from '../../support/temp-repos.ts';
import { testStageOptions } from '../../support/plugin-stage.ts';

const fixture = (name: string) => readFile(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

function component(name: string, annotation: string, file = 'catalog-info.yaml'): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'backstage.io/code-coverage': annotation } },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo: 'shop', file, line: 4 },
  };
}

let server: MockServer;
let cacheDir: string;
let reports: Record<string, string>;

beforeEach(async () => {
  reports = {};
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-coverage-cache-'));
  // A CI server publishing reports as artifacts: GET /artifacts/<name> answers the file or 404.
  server = await startMockServer((request, response) => {
    const body = reports[request.url!.replace(/^\/artifacts\//, '')];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain' });
    response.end(body ?? 'Not Found');
  });
});
afterEach(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

function stageOptions(): PluginStageOptions {
  return testStageOptions(cacheDir);
}

async function run(entities: CatalogEntity[], files: Record<string, string | { symlink: string }>, options = {}) {
  const { repos } = await makeRepos({ shop: files, secrets: { 'lcov.info': await fixture('lcov.info') } });
  return runPlugins([coverage(options)], entities, repos.filter((repo) => repo.name === 'shop'), stageOptions());
}

describe('the coverage plugin', () => {
  it('finds a report next to the descriptor and adds a card, a badge, a search band and catalog.json fields', async () => {
    const result = await run([component('orders', 'enabled', 'services/orders/catalog-info.yaml')], {
      'services/orders/catalog-info.yaml': '',
      'services/orders/coverage/lcov.info': await fixture('lcov.info'),
    });
    expect(result.problems).toEqual([]);
    const output = result.byEntity.get('component:default/orders')!;
    expect(output.badges).toEqual([{ plugin: 'coverage', label: 'coverage', value: '77%', tone: 'warning' }]);
    expect(output.searchFilters).toEqual({ coverage: ['60–80%'] });
    expect(output.catalog).toEqual({ coverage: { line: 77.78, branch: 50 } });
    expect(output.cards[0]!.content!.status).toEqual({ tone: 'warning', label: '77% of lines' });
    expect(output.cards[0]!.content!.blocks).toContainEqual(
      expect.objectContaining({ type: 'facts', items: expect.arrayContaining([{ label: 'Report', value: [{ text: 'services/orders/coverage/lcov.info', code: true }, ' (lcov)'] }]) }),
    );
    expect(output.tabs).toEqual([]);
  });

  it('reads a report at the path the annotation names, falling back to the repo root, and gives long reports a tab', async () => {
    const result = await run([component('payments', 'reports/cobertura.xml', 'services/payments/catalog-info.yaml')], {
      'reports/cobertura.xml': await fixture('cobertura.xml'),
    }, { cardFiles: 1 });
    const output = result.byEntity.get('component:default/payments')!;
    expect(result.problems).toEqual([]);
    expect(output.catalog).toEqual({ coverage: { line: 77.78, branch: 75 } });
    expect(output.tabs.map((tab) => [tab.slug, tab.title])).toEqual([['coverage', 'Coverage']]);
  });

  it('reads a report from an http(s) URL through the plugin fetch', async () => {
    reports['web/coverage-summary.json'] = await fixture('coverage-summary.json');
    const url = `${server.url}/artifacts/web/coverage-summary.json`;
    const result = await run([component('web', url)], { 'catalog-info.yaml': '' }, { allowedUrls: [`${server.url}/artifacts/`] });
    expect(result.problems).toEqual([]);
    expect(result.byEntity.get('component:default/web')!.catalog).toEqual({ coverage: { line: 85, branch: 62.5 } });
    expect(server.requests.map((request) => request.url)).toEqual(['/artifacts/web/coverage-summary.json']);
  });

  it('reports a URL that answers 404 as a problem and shows the card as unavailable', async () => {
    const url = `${server.url}/artifacts/gone/lcov.info`;
    const result = await run([component('gone', url)], { 'catalog-info.yaml': '' }, { allowedUrls: [`${server.url}/artifacts/`] });
    expect(result.problems.map((problem) => problem.message)).toEqual([`Code coverage (coverage plugin): GET ${url} answered 404 Not Found`]);
    expect(result.byEntity.get('component:default/gone')!.cards[0]!.unavailable).toBe(`GET ${url} answered 404 Not Found`);
  });

  it('refuses a report path that leaves the repo, directly or through a symlink', async () => {
    const result = await run([component('escape', '../secrets/lcov.info'), component('linked', 'coverage/lcov.info')], {
      'catalog-info.yaml': '',
      'coverage/lcov.info': { symlink: '../../secrets/lcov.info' },
    });
    const messages = result.problems.map((problem) => `${problem.entityRef}: ${problem.message}`).sort();
    expect(messages).toEqual([
      'component:default/escape: Code coverage (coverage plugin): the coverage report path "../secrets/lcov.info" leaves the repo; it must be a file inside it',
      'component:default/linked: Code coverage (coverage plugin): no readable coverage report: coverage/lcov.info resolves (through a symlink) to a file outside repo shop',
    ]);
  });

  it('turns a malformed report into a problem that names the file and what is wrong', async () => {
    const result = await run([component('broken', 'enabled')], { 'catalog-info.yaml': '', 'coverage/lcov.info': 'SF:src/a.ts\nLH:three\nend_of_record\n' });
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'Code coverage (coverage plugin): coverage/lcov.info: the lcov report is malformed: line 2: LH: "three" is not a count',
    ]);
  });

  it('says which paths it tried when an enabled entity has no report', async () => {
    const result = await run([component('none', 'enabled')], { 'catalog-info.yaml': '' }, { reportPaths: ['coverage/lcov.info', 'coverage.xml'] });
    expect(result.problems.map((problem) => problem.message)).toEqual(['Code coverage (coverage plugin): no coverage report at any of coverage/lcov.info, coverage.xml']);
  });

  it('refuses report URLs unless allowedUrls allows them, without requesting anything', async () => {
    const result = await run([component('probe', 'http://169.254.169.254/latest/meta-data/')], { 'catalog-info.yaml': '' });
    expect(result.problems[0]!.message).toContain('report URLs must be allowed first');
    expect(server.requests).toEqual([]);
  });

  it('refuses a report URL outside allowedUrls without requesting it', async () => {
    const url = `${server.url}/artifacts/web/lcov.info`;
    const result = await run([component('web', url)], { 'catalog-info.yaml': '' }, { allowedUrls: ['https://ci.example.com/'] });
    expect(result.problems[0]!.message).toContain('is not under an allowed URL');
    expect(server.requests).toEqual([]);
  });

  it('rejects thresholds in the wrong order with a readable configuration error', () => {
    expect(() => coverage({ thresholds: { good: 50, fair: 70 } })).toThrow('Invalid options for the coverage plugin in astro.config.mjs:\n  - thresholds: thresholds.fair must not be above thresholds.good');
  });
});
