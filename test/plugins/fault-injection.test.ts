import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sonarqube } from 'playbill-plugin-sonarqube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../integrations/plugin-api.ts';
import { apiDocs } from '../../integrations/plugins/api-docs/index.ts';
import { catalogGraph } from '../../integrations/plugins/catalog-graph/index.ts';
import { github } from '../../integrations/plugins/github/index.ts';
import { kubernetes } from '../../integrations/plugins/kubernetes/index.ts';
import { loadCatalog } from '../../src/catalog/index.ts';
import { parsePlaybillOptions } from '../../src/config/options.ts';
import { entityRefOf } from '../../src/vocabulary/entity-ref.ts';
import { runPlugins, type PluginStageOptions } from '../../src/plugins/run-plugins.ts';
import { resolveSources } from '../../src/sources/index.ts';
import type { Repo } from '../../src/sources/repo.ts';
import { projectRoot } from '../support/build-site.ts';
import { testStageOptions } from '../support/plugin-stage.ts';

/**
 * Every network plugin, on the example organisation, against a service that fails in each way a
 * service can: the network throws, the service never answers, or it answers garbage. The stage
 * must finish, report each affected entity once per failing plugin, and keep every other
 * plugin's panels for the same entities.
 */
const faults: Record<string, typeof fetch> = {
  'the network throws': async () => {
    throw new TypeError('fetch failed: getaddrinfo ENOTFOUND');
  },
  'the service never answers': (_input, init) =>
    new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true })),
  'the service answers garbage': async () => new Response('{"items": "surprise", "total_count": -1, "<html>": true}', { status: 200, headers: { 'content-type': 'application/json' } }),
  'the service answers HTML': async () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
};

const networkPlugins = () => [
  github(),
  kubernetes({ clusters: [{ name: 'production', url: 'https://k8s.example.internal', tokenEnv: 'KUBERNETES_TOKEN' }] }),
  sonarqube({ baseUrl: 'https://sonarqube.encore.example', tokenEnv: 'SONAR_TOKEN' }),
];
const localPlugins = () => [apiDocs(), catalogGraph()];

let entities: CatalogEntity[];
let repos: Repo[];
let cacheDir: string;

beforeAll(async () => {
  const options = parsePlaybillOptions({});
  const sources = await resolveSources(options.sources, { root: projectRoot, cacheDir: options.cacheDir });
  repos = sources.repos;
  entities = (await loadCatalog(repos, { catalogFiles: [], customKinds: [], maxFileBytes: options.maxFileBytes })).entities;
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-faults-'));
}, 60_000);
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

function stageOptions(transport: typeof fetch, name: string): PluginStageOptions {
  return testStageOptions(join(cacheDir, name.replace(/\W+/g, '-')), {
    transport,
    policy: { concurrency: 6, timeoutMs: 300, retries: 1, backoffMs: 5, cacheTtlMs: 0, entityTimeoutMs: 5_000 },
  });
}

describe('built-in plugins against a failing service', () => {
  for (const [fault, transport] of Object.entries(faults)) {
    it(`finishes when ${fault}, with one problem per affected entity and no other panel lost`, async () => {
      const plugins = [...networkPlugins(), ...localPlugins()];
      const result = await runPlugins(plugins, entities, repos, stageOptions(transport, fault));

      for (const plugin of networkPlugins()) {
        const applicable = entities.filter((entity) => plugin.implementation.appliesTo(entity));
        expect(applicable.length, `${plugin.name} applies to some example entity`).toBeGreaterThan(0);
        const reported = result.problems.filter((problem) => problem.plugin === plugin.name);
        expect(new Set(reported.map((problem) => problem.entityRef)), plugin.name).toEqual(new Set(applicable.map(entityRefOf)));
        for (const problem of reported) {
          expect(problem.message.startsWith(`${plugin.title} (${plugin.name} plugin): `)).toBe(true);
          expect(problem.message.length).toBeGreaterThan(plugin.title.length + plugin.name.length + 20);
        }
        for (const entity of applicable) {
          const panels = [...result.byEntity.get(entityRefOf(entity))!.cards, ...result.byEntity.get(entityRefOf(entity))!.tabs];
          const own = panels.filter((panel) => panel.plugin === plugin.name);
          expect(own.length, `${plugin.name} shows a panel for ${entityRefOf(entity)}`).toBeGreaterThan(0);
          for (const panel of own) expect(panel.unavailable).toBeTruthy();
        }
      }

      // The local plugins (API definitions, relations) are untouched by the outage.
      expect(result.problems.filter((problem) => problem.plugin === 'catalog-graph')).toEqual([]);
      const apiProblems = result.problems.filter((problem) => problem.plugin === 'api-docs').map((problem) => problem.entityRef);
      expect(apiProblems).toEqual(['api:default/invoices-api']); // the example's deliberately invalid definition
      const ticketing = result.byEntity.get('component:default/ticketing-service')!;
      expect(ticketing.cards.find((card) => card.plugin === 'catalog-graph')?.content).toBeDefined();
    }, 120_000);
  }
});
