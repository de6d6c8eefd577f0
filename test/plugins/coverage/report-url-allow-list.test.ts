import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../../integrations/plugin-api.ts';
import { coverage } from '../../../integrations/plugins/coverage/index.ts';
import { runPlugins } from '../../../src/plugins/run-plugins.ts';
import { startMockServer, type MockServer } from '../../../support/mock-services/http-server.ts';
import { testStageOptions } from '../../support/plugin-stage.ts';
import { makeRepo } from '../../support/temp-repos.ts';

const lcov = () => readFile(new URL('fixtures/lcov.info', import.meta.url), 'utf8');

function component(name: string, url: string): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'backstage.io/code-coverage': url } },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo: 'shop', file: 'catalog-info.yaml', line: 4 },
  };
}

/** The CI server reports may be read from, and a service inside the network they must never reach. */
let ci: MockServer;
let internal: MockServer;
let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-coverage-ssrf-'));
  internal = await startMockServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('TN:\nSF:secret-credentials.ts\nLF:1\nLH:1\nend_of_record\n');
  });
  const report = await lcov();
  const redirects: Record<string, string> = {
    '/artifacts/renamed/lcov.info': '/artifacts/web/lcov.info',
    '/artifacts/to-internal/lcov.info': `${internal.url}/latest/meta-data`,
    '/artifacts/to-admin/lcov.info': '/admin/lcov.info',
    '/artifacts/dotted/lcov.info': '/artifacts/%2e%2e/admin/lcov.info',
  };
  ci = await startMockServer((request, response) => {
    const target = redirects[request.url!];
    if (target) {
      response.writeHead(302, { location: target });
      response.end();
    } else if (request.url === '/artifacts/web/lcov.info') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(report);
    } else {
      response.writeHead(404);
      response.end('Not Found');
    }
  });
});
afterEach(async () => {
  await Promise.all([ci.close(), internal.close()]);
  await rm(cacheDir, { recursive: true, force: true });
});

async function run(entities: CatalogEntity[], allowedUrls: string[]) {
  const repo = await makeRepo({ 'catalog-info.yaml': '' }, 'shop');
  return runPlugins([coverage({ allowedUrls })], entities, [repo], testStageOptions(cacheDir));
}

describe('coverage report URLs', () => {
  it('refuses a port that merely starts with the allowed one, without asking it', async () => {
    const port = new URL(internal.url).port;
    const url = `${internal.url}/latest/meta-data`;
    const result = await run([component('probe', url)], [`http://127.0.0.1:${port.slice(0, -1)}`]);
    expect(internal.requests).toEqual([]);
    expect(result.problems).toMatchObject([
      { repo: 'shop', file: 'catalog-info.yaml', line: 4, code: 'plugin-failed', message: `Code coverage (coverage plugin): the coverage report URL ${url} is not under an allowed URL (the coverage plugin's allowedUrls option)` },
    ]);
    expect(result.byEntity.get('component:default/probe')!.cards[0]!.unavailable).toContain('is not under an allowed URL');
  });

  it('refuses a sibling path that merely starts with the allowed one', async () => {
    const result = await run([component('sibling', `${ci.url}/artifacts-private/lcov.info`)], [`${ci.url}/artifacts`]);
    expect(ci.requests).toEqual([]);
    expect(result.problems[0]!.message).toContain('is not under an allowed URL');
  });

  it('follows a redirect that stays under the allowed URL', async () => {
    const result = await run([component('renamed', `${ci.url}/artifacts/renamed/lcov.info`)], [`${ci.url}/artifacts/`]);
    expect(result.problems).toEqual([]);
    expect(result.byEntity.get('component:default/renamed')!.catalog).toEqual({ coverage: { line: 77.78, branch: 50 } });
  });

  it('does not follow a redirect from an allowed URL to another host, another path or out through encoded dots', async () => {
    const entities = [
      component('to-internal', `${ci.url}/artifacts/to-internal/lcov.info`),
      component('to-admin', `${ci.url}/artifacts/to-admin/lcov.info`),
      component('dotted', `${ci.url}/artifacts/dotted/lcov.info`),
      component('healthy', `${ci.url}/artifacts/web/lcov.info`),
    ];
    const result = await run(entities, [`${ci.url}/artifacts/`]);
    expect(internal.requests).toEqual([]);
    expect(ci.requests.map((request) => request.url).sort()).toEqual(['/artifacts/dotted/lcov.info', '/artifacts/to-admin/lcov.info', '/artifacts/to-internal/lcov.info', '/artifacts/web/lcov.info']);
    const messages = Object.fromEntries(result.problems.map((problem) => [problem.entityRef, problem.message]));
    expect(messages).toEqual({
      'component:default/to-internal': `Code coverage (coverage plugin): GET ${ci.url}/artifacts/to-internal/lcov.info was redirected to ${internal.url}/latest/meta-data, which is not under an allowed URL; not followed`,
      'component:default/to-admin': `Code coverage (coverage plugin): GET ${ci.url}/artifacts/to-admin/lcov.info was redirected to ${ci.url}/admin/lcov.info, which is not under an allowed URL; not followed`,
      'component:default/dotted': `Code coverage (coverage plugin): GET ${ci.url}/artifacts/dotted/lcov.info was redirected to ${ci.url}/admin/lcov.info, which is not under an allowed URL; not followed`,
    });
    expect(result.byEntity.get('component:default/healthy')!.catalog).toEqual({ coverage: { line: 77.78, branch: 50 } });
  });
});
