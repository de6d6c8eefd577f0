import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// Imported by package name, as a portal that installed it would.
import { sonarqube } from 'playbill-plugin-sonarqube';
import type { CatalogEntity } from 'playbill/plugin-api';
import { runPlugins, type PluginStageOptions } from '../../../src/plugins/run-plugins.ts';
import type { MockServer } from '../../../support/mock-services/http-server.ts';
import { startSonarQubeServer, type SonarQubeProject } from '../../../support/mock-services/sonarqube.ts';
import { makeRepo } from '../../support/temp-repos.ts';
import { testStageOptions } from '../../support/plugin-stage.ts';

const failingGate: SonarQubeProject = {
  gate: {
    status: 'ERROR',
    conditions: [
      { status: 'ERROR', metricKey: 'new_coverage', comparator: 'LT', errorThreshold: '80', actualValue: '62.50562381034781' },
      { status: 'OK', metricKey: 'new_duplicated_lines_density', comparator: 'GT', errorThreshold: '3', actualValue: '0.0' },
      { status: 'OK', metricKey: 'new_violations', comparator: 'GT', errorThreshold: '0', actualValue: '0' },
    ],
  },
  measures: { bugs: '2', vulnerabilities: '0', code_smells: '41', coverage: '74.3', duplicated_lines_density: '1.8', security_hotspots: '3' },
};

function component(name: string, projectKey: string): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'sonarqube.org/project-key': projectKey } },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo: 'shop', file: 'catalog-info.yaml', line: 2 },
  };
}

let server: MockServer | undefined;
let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-sonarqube-cache-'));
});
afterEach(async () => {
  await server?.close();
  await rm(cacheDir, { recursive: true, force: true });
});

function stageOptions(env: NodeJS.ProcessEnv = {}): PluginStageOptions {
  return testStageOptions(cacheDir, { env, policy: { timeoutMs: 300, retries: 1, backoffMs: 5, entityTimeoutMs: 5000 } });
}

async function run(entities: CatalogEntity[], env: NodeJS.ProcessEnv = {}) {
  const repo = await makeRepo({ 'catalog-info.yaml': '' }, 'shop');
  return runPlugins([sonarqube({ baseUrl: `${server!.url}/`, tokenEnv: 'SONAR_TOKEN' })], entities, [repo], stageOptions(env));
}

describe('playbill-plugin-sonarqube, against a local SonarQube', () => {
  it('shows the quality gate, the measures and the conditions not met, sending the token as a bearer token', async () => {
    server = await startSonarQubeServer({ projects: { encore_orders: failingGate }, token: 'squ_fake_token_123' });
    const result = await run([component('orders', 'encore_orders')], { SONAR_TOKEN: 'squ_fake_token_123' });
    expect(result.problems).toEqual([]);
    const output = result.byEntity.get('component:default/orders')!;
    const card = output.cards[0]!.content!;
    expect(card.status).toEqual({ tone: 'error', label: 'failed' });
    expect(card.blocks[0]).toEqual({ type: 'status', tone: 'error', label: 'Quality gate failed', detail: '1 of 3 conditions not met' });
    expect(card.blocks[1]).toEqual({
      type: 'facts',
      items: [
        { label: 'Bugs', value: '2' },
        { label: 'Vulnerabilities', value: '0' },
        { label: 'Security hotspots', value: '3' },
        { label: 'Code smells', value: '41' },
        { label: 'Coverage', value: '74.3%' },
        { label: 'Duplications', value: '1.8%' },
      ],
    });
    expect(card.blocks[2]).toMatchObject({ type: 'table', rows: [['Coverage on new code', { text: '62.5%', tone: 'error' }, 'not below 80%']] });
    expect(card.blocks[3]).toEqual({ type: 'text', text: { text: 'encore_orders in SonarQube', href: `${server.url}/dashboard?id=encore_orders` } });
    expect(output.badges).toEqual([{ plugin: 'sonarqube', label: 'quality gate', value: 'failed', tone: 'error' }]);
    expect(output.catalog).toEqual({ sonarqube: { qualityGate: 'ERROR', bugs: 2, vulnerabilities: 0, code_smells: 41, coverage: 74.3, duplicated_lines_density: 1.8, security_hotspots: 3 } });
    expect(server.requests.map((request) => request.url).sort()).toEqual([
      '/api/measures/component?component=encore_orders&metricKeys=bugs%2Cvulnerabilities%2Ccode_smells%2Ccoverage%2Cduplicated_lines_density%2Csecurity_hotspots',
      '/api/qualitygates/project_status?projectKey=encore_orders',
    ]);
    expect(server.requests.every((request) => request.headers.authorization === 'Bearer squ_fake_token_123')).toBe(true);
  });

  it('leaves out measures SonarQube has no value for and says when no gate has been computed', async () => {
    server = await startSonarQubeServer({ projects: { fresh: { gate: { status: 'NONE' }, measures: { bugs: '0' } } } });
    const output = (await run([component('fresh', 'fresh')])).byEntity.get('component:default/fresh')!;
    expect(output.cards[0]!.content!.blocks[0]).toEqual({ type: 'status', tone: 'neutral', label: 'No quality gate computed' });
    expect(output.catalog).toEqual({ sonarqube: { qualityGate: 'NONE', bugs: 0 } });
    expect(output.cards[0]!.content!.blocks[1]).toMatchObject({ items: expect.arrayContaining([{ label: 'Coverage', value: '—' }]) });
  });

  it('turns an unknown project, a refused token, a server error and a garbage answer into readable problems', async () => {
    server = await startSonarQubeServer({
      projects: { ok: failingGate },
      fault: {
        broken: (response) => void response.writeHead(500).end('<html>Internal error</html>'),
        garbage: (response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{"projectStatus": {"status": 7}}'),
      },
    });
    const result = await run([component('gone', 'no_such_project'), component('broken', 'broken'), component('garbage', 'garbage'), component('ok', 'ok')]);
    const messages = Object.fromEntries(result.problems.map((problem) => [problem.entityRef, problem.message]));
    expect(messages).toEqual({
      'component:default/gone': 'SonarQube (sonarqube plugin): SonarQube has no project "no_such_project" (404): check sonarqube.org/project-key',
      'component:default/broken': expect.stringMatching(/^SonarQube \(sonarqube plugin\): GET http:\/\/127\.0\.0\.1:\d+\/api\/(qualitygates|measures)\/\S+ answered 500/),
      'component:default/garbage': expect.stringContaining('SonarQube answered the quality gate status in an unexpected shape (projectStatus.status:'),
    });
    expect(result.byEntity.get('component:default/ok')!.cards[0]!.content).toBeDefined();
    expect(result.byEntity.get('component:default/gone')!.cards[0]!.unavailable).toContain('no project');
  });

  it('says which variable to set when SonarQube refuses the token, and never repeats the token', async () => {
    server = await startSonarQubeServer({ projects: { encore_orders: failingGate }, token: 'the-right-token' });
    const result = await run([component('orders', 'encore_orders')], { SONAR_TOKEN: 'squ_wrong_token_456' });
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'SonarQube (sonarqube plugin): SonarQube refused to show project "encore_orders" (401): set SONAR_TOKEN to a token with Browse permission on it',
    ]);
    expect(JSON.stringify([...result.byEntity.values(), result.problems])).not.toContain('squ_wrong_token_456');
  });

  it('checks its options with a readable message', () => {
    expect(() => sonarqube({ baseUrl: 'not a url' })).toThrow(/Invalid options for the sonarqube plugin in astro.config.mjs:\n {2}- baseUrl:/);
  });

  it('is a package of its own that imports nothing of Playbill but playbill/plugin-api', async () => {
    const dir = new URL('../../../integrations/examples/playbill-plugin-sonarqube/', import.meta.url);
    const manifest = JSON.parse(await readFile(new URL('package.json', dir), 'utf8'));
    expect(manifest).toMatchObject({ name: 'playbill-plugin-sonarqube', peerDependencies: { playbill: expect.any(String) } });
    expect(manifest.dependencies ?? {}).toEqual({});
    const sources = (await readdir(dir)).filter((name) => name.endsWith('.js')).sort();
    expect([...manifest.files].filter((name: string) => name.endsWith('.js')).sort()).toEqual(sources);
    const imported = new Set<string>();
    for (const name of sources) {
      for (const match of (await readFile(new URL(name, dir), 'utf8')).matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) imported.add(match[1]!);
    }
    expect([...imported].sort()).toEqual(['./map-sonarqube.js', './render-sonarqube.js', 'playbill/plugin-api']);
  });
});
