import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definePlugin, z, type CatalogEntity } from '../../integrations/plugin-api.ts';
import { runPlugins } from '../../src/plugins/run-plugins.ts';
import { sendJson, startMockServer, type MockServer } from '../../support/mock-services/http-server.ts';
import { testStageOptions } from '../support/plugin-stage.ts';
import { makeRepo } from '../support/temp-repos.ts';

/** A plugin asking `<baseUrl><path annotation>` with a token, optionally only under `allowedUrls`. */
const askPlugin = definePlugin({
  name: 'ask',
  title: 'Ask',
  options: z.object({ baseUrl: z.string(), allowedUrls: z.array(z.string()).optional() }),
  create: ({ baseUrl, allowedUrls }) => ({
    appliesTo: () => true,
    data: z.object({ answeredBy: z.string() }),
    fetch: async (entity, context) =>
      context.fetchJson(`${baseUrl}${entity.metadata.annotations!['ask/path']}`, { headers: { authorization: `Bearer ${context.secret('ASK_TOKEN')}` }, ...(allowedUrls ? { allowedUrls } : {}) }),
    catalog: (data) => data,
  }),
});

function entity(name: string, path: string): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'ask/path': path } },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo: 'shop', file: 'catalog-info.yaml', line: 1 },
  };
}

const token = 'ask_token_0123456789abcdef';
let api: MockServer;
let other: MockServer;
let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-redirects-'));
  other = await startMockServer((_, response) => sendJson(response, 200, { answeredBy: 'other' }));
  api = await startMockServer((request, response) => {
    const url = request.url!;
    const redirect = (status: number, location: string) => {
      response.writeHead(status, { location });
      response.end();
    };
    if (url === '/moved') return redirect(301, '/here');
    if (url === '/elsewhere') return redirect(307, `${other.url}/there`);
    if (url.startsWith('/loop')) return redirect(302, `/loop${url.length}`);
    if (url === '/to-file') return redirect(302, 'file:///etc/passwd');
    sendJson(response, 200, { answeredBy: 'api' });
  });
});
afterEach(async () => {
  await Promise.all([api.close(), other.close()]);
  await rm(cacheDir, { recursive: true, force: true });
});

async function run(entities: CatalogEntity[], allowedUrls?: string[]) {
  const repo = await makeRepo({ 'catalog-info.yaml': '' }, 'shop');
  return runPlugins([askPlugin({ baseUrl: api.url, allowedUrls })], entities, [repo], testStageOptions(cacheDir, { env: { ASK_TOKEN: token } }));
}

describe('redirects in the plugin fetch', () => {
  it('follows a redirect on the same origin with the credentials, and to another origin without them', async () => {
    const result = await run([entity('moved', '/moved'), entity('elsewhere', '/elsewhere')]);
    expect(result.problems).toEqual([]);
    expect(result.byEntity.get('component:default/moved')!.catalog).toEqual({ ask: { answeredBy: 'api' } });
    expect(result.byEntity.get('component:default/elsewhere')!.catalog).toEqual({ ask: { answeredBy: 'other' } });
    expect(api.requests.map((request) => [request.url, request.headers.authorization])).toEqual(
      expect.arrayContaining([['/moved', `Bearer ${token}`], ['/here', `Bearer ${token}`], ['/elsewhere', `Bearer ${token}`]]),
    );
    expect(other.requests.map((request) => [request.url, request.headers.authorization])).toEqual([['/there', undefined]]);
  });

  it('gives up after ten redirects, and never follows one out of http(s)', async () => {
    const result = await run([entity('loop', '/loop'), entity('file', '/to-file')]);
    expect(api.requests.filter((request) => request.url.startsWith('/loop'))).toHaveLength(11);
    expect(result.problems.map((problem) => problem.message).sort()).toEqual([
      `Ask (ask plugin): GET ${api.url}/loop was redirected more than 10 times; not followed`,
      `Ask (ask plugin): GET ${api.url}/to-file was redirected to file:///etc/passwd, which is not an http(s) URL; not followed`,
    ]);
  });

  it('keeps a request made under allowedUrls, and each of its redirects, under them', async () => {
    const result = await run([entity('moved', '/moved'), entity('elsewhere', '/elsewhere'), entity('outside', '/here')], [`${api.url}/moved`, `${api.url}/here`, `${api.url}/elsewhere`]);
    expect(other.requests).toEqual([]);
    expect(result.byEntity.get('component:default/moved')!.catalog).toEqual({ ask: { answeredBy: 'api' } });
    expect(result.problems.map((problem) => problem.message)).toEqual([
      `Ask (ask plugin): GET ${api.url}/elsewhere was redirected to ${other.url}/there, which is not under an allowed URL; not followed`,
    ]);

    const refused = await run([entity('refused', '/refused')], [`${api.url}/here`]);
    expect(api.requests.some((request) => request.url === '/refused')).toBe(false);
    expect(refused.problems.map((problem) => problem.message)).toEqual([`Ask (ask plugin): GET ${api.url}/refused not sent: it is not under an allowed URL`]);
  });

  it('checks a cached answer against allowedUrls too: a redirect it came through must still be allowed', async () => {
    await run([entity('elsewhere', '/elsewhere')]);
    const requests = other.requests.length;
    const result = await run([entity('elsewhere', '/elsewhere')], [`${api.url}/`]);
    expect(other.requests).toHaveLength(requests);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      `Ask (ask plugin): GET ${api.url}/elsewhere was redirected to ${other.url}/there, which is not under an allowed URL; not followed`,
    ]);
  });
});
