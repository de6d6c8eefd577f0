import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiDocs } from '../../../integrations/plugins/api-docs/index.ts';
import { loadCatalog } from '../../../src/catalog/index.ts';
import { runPlugins, type PluginStageResult } from '../../../src/plugins/run-plugins.ts';
import type { Repo } from '../../../src/sources/repo.ts';
import { makeRepos } from '../../support/temp-repos.ts';
import { fanOutAsyncApi2, fanOutAsyncApi3, fanOutOpenApi } from './fan-out-definitions.ts';
import { fixture } from './fixtures.ts';

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-api-docs-cache-'));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

/** An API entity; `definition` is what follows `definition:`. */
const api = (name: string, type: string, definition: string) =>
  ['---', 'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', `  name: ${name}`, 'spec:', `  type: ${type}`, '  lifecycle: production', '  owner: team-a', `  definition:${definition}`, ''].join('\n');

const indented = (text: string) => text.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');

/** Three hostile definitions (ten refs per level, nine levels unless told) and a healthy one, in one repo. */
async function hostileRepo(levels = 9, asyncApi3Levels = levels): Promise<Repo[]> {
  const { repos } = await makeRepos({
    shop: {
      'catalog-info.yaml': [
        api('fan-out-openapi', 'openapi', '\n    $text: ./apis/fan-out-openapi.yaml'),
        api('fan-out-events', 'asyncapi', ` |\n${indented(fanOutAsyncApi2(10, levels))}`),
        api('fan-out-events-3', 'asyncapi', '\n    $text: ./apis/fan-out-asyncapi3.yaml'),
        api('petstore', 'openapi', '\n    $text: ./apis/petstore.yaml'),
      ].join(''),
      'apis/fan-out-openapi.yaml': fanOutOpenApi(10, levels),
      'apis/fan-out-asyncapi3.yaml': fanOutAsyncApi3(10, asyncApi3Levels),
      'apis/petstore.yaml': await fixture('petstore-openapi3.yaml'),
    },
  });
  return repos;
}

async function stage(repos: Repo[], options: Parameters<typeof apiDocs>[0]): Promise<{ result: PluginStageResult; milliseconds: number; lineOf: (name: string) => number }> {
  const catalog = await loadCatalog(repos, { catalogFiles: [], customKinds: [], maxFileBytes: 1024 * 1024 });
  expect(catalog.entities.map((entity) => entity.metadata.name).sort()).toEqual(['fan-out-events', 'fan-out-events-3', 'fan-out-openapi', 'petstore']);
  const started = performance.now();
  const result = await runPlugins([apiDocs(options)], catalog.entities, repos, {
    policy: { concurrency: 4, timeoutMs: 1000, retries: 0, backoffMs: 10, maxRateLimitWaitMs: 100, cacheTtlMs: 60_000, offline: false, entityTimeoutMs: 60_000 },
    cacheDir,
    transport: async () => {
      throw new Error('no network in this test');
    },
    sample: false,
    problemSeverity: 'warning',
    maxFileBytes: 1024 * 1024,
  });
  const lineOf = (name: string) => catalog.entities.find((entity) => entity.metadata.name === name)!.source.line;
  return { result, milliseconds: performance.now() - started, lineOf };
}

function expectPetstoreRendered(result: PluginStageResult): void {
  const petstore = result.byEntity.get('api:default/petstore')!;
  expect(petstore.tabs[0]).toMatchObject({ slug: 'api', content: { status: { label: 'OpenAPI 3.0.3' } } });
  expect(petstore.tabs[0]!.unavailable).toBeUndefined();
  expect(JSON.stringify(petstore.tabs[0]!.content)).toContain('/pets');
}

describe('API definitions whose schemas fan out', () => {
  it('are refused by their expanded size before any parser walks them, each at the $ref that fans out, and the healthy API still renders', { timeout: 60_000 }, async () => {
    const { result, milliseconds, lineOf } = await stage(await hostileRepo(), { maxDefinitionMs: 2_000 });
    expect(milliseconds).toBeLessThan(30_000);
    const problems = result.problems.map(({ file, line, entityRef, message }) => ({ file, line, entityRef, message }));
    problems.sort((a, b) => (a.entityRef! < b.entityRef! ? -1 : 1));
    expect(problems).toEqual([
      {
        file: 'catalog-info.yaml',
        line: lineOf('fan-out-events'),
        entityRef: 'api:default/fan-out-events',
        message: expect.stringMatching(/^API reference \(api-docs plugin\): The AsyncAPI definition is too big to render: with its \$refs followed it would have more than 1,000,000 nodes \(the API docs plugin's maxExpandedNodes\).* Following \$ref "#\/components\/messages\/Thing" alone goes past it\..* At line 9, column 15 of the definition \(inline in catalog-info\.yaml, line \d+, column 19\)\.$/),
      },
      {
        file: 'catalog-info.yaml',
        line: lineOf('fan-out-events-3'),
        entityRef: 'api:default/fan-out-events-3',
        message: expect.stringMatching(/more than 1,000,000 nodes \(the API docs plugin's maxExpandedNodes\).* At line 10, column 15 of apis\/fan-out-asyncapi3\.yaml \(the definition's \$text file\)\.$/),
      },
      {
        file: 'catalog-info.yaml',
        line: lineOf('fan-out-openapi'),
        entityRef: 'api:default/fan-out-openapi',
        message: expect.stringMatching(/^API reference \(api-docs plugin\): The OpenAPI definition is too big to render: .*"#\/components\/schemas\/Level0" alone goes past it\..* At line 14, column 23 of apis\/fan-out-openapi\.yaml \(the definition's \$text file\)\.$/),
      },
    ]);
    for (const name of ['fan-out-openapi', 'fan-out-events', 'fan-out-events-3']) {
      expect(result.byEntity.get(`api:default/${name}`)!.tabs[0]!.unavailable).toContain('maxExpandedNodes');
    }
    expectPetstoreRendered(result);
  });

  it('are stopped on their worker when their time is up, with a problem at the definition naming the budget, and the healthy API still renders', { timeout: 60_000 }, async () => {
    // Fewer levels (AsyncAPI 3 refers to its messages twice over) and the size bound at its most:
    // only the time limit is left to stop them, each definition taking ten times the budget or more.
    const { result, milliseconds, lineOf } = await stage(await hostileRepo(7, 6), { maxDefinitionMs: 2_000, maxExpandedNodes: 100_000_000 });
    // An inline definition's problem is at its `definition:` key, eight lines into the entity.
    const definitionLine = lineOf('fan-out-events') + 8;
    expect(milliseconds).toBeLessThan(30_000);
    const problems = result.problems.map(({ file, line, column, entityRef, message }) => ({ file, line, column, entityRef, message }));
    problems.sort((a, b) => (a.entityRef! < b.entityRef! ? -1 : 1));
    expect(problems).toEqual([
      {
        file: 'catalog-info.yaml',
        line: definitionLine,
        column: 1,
        entityRef: 'api:default/fan-out-events',
        message: `API reference (api-docs plugin): The AsyncAPI definition was not read within 2 s (the API docs plugin's maxDefinitionMs), so its reading was stopped. It is inline in catalog-info.yaml, line ${definitionLine}.`,
      },
      {
        file: 'apis/fan-out-asyncapi3.yaml',
        line: 1,
        column: 1,
        entityRef: 'api:default/fan-out-events-3',
        message: "API reference (api-docs plugin): The AsyncAPI definition was not read within 2 s (the API docs plugin's maxDefinitionMs), so its reading was stopped. It is apis/fan-out-asyncapi3.yaml (the definition's $text file).",
      },
      {
        file: 'apis/fan-out-openapi.yaml',
        line: 1,
        column: 1,
        entityRef: 'api:default/fan-out-openapi',
        message: "API reference (api-docs plugin): The OpenAPI definition was not read within 2 s (the API docs plugin's maxDefinitionMs), so its reading was stopped. It is apis/fan-out-openapi.yaml (the definition's $text file).",
      },
    ]);
    expectPetstoreRendered(result);
  });

  it('still renders a definition that fans out less, under both budgets, with each table cut at its row limit', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({
      shop: {
        'catalog-info.yaml': api('wide', 'openapi', '\n    $text: ./openapi.yaml'),
        // Ten refs per level over five levels: half a million nodes with its $refs followed.
        'openapi.yaml': fanOutOpenApi(10, 5),
      },
    });
    const catalog = await loadCatalog(repos, { catalogFiles: [], customKinds: [], maxFileBytes: 1024 * 1024 });
    const result = await runPlugins([apiDocs({ maxDefinitionMs: 30_000 })], catalog.entities, repos, {
      policy: { concurrency: 4, timeoutMs: 1000, retries: 0, backoffMs: 10, maxRateLimitWaitMs: 100, cacheTtlMs: 60_000, offline: false, entityTimeoutMs: 60_000 },
      cacheDir,
      transport: async () => {
        throw new Error('no network in this test');
      },
      sample: false,
      problemSeverity: 'warning',
      maxFileBytes: 1024 * 1024,
    });
    expect(result.problems).toEqual([]);
    const tab = JSON.stringify(result.byEntity.get('api:default/wide')!.tabs[0]!.content);
    expect(tab).toContain('p0.p0.p0.p0.p0');
    expect(tab).toMatch(/\d+ more nested properties are not listed here/);
  });
});
