import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definePlugin, z, type CatalogEntity } from '../../integrations/plugin-api.ts';
import { parsePlaybillOptions } from '../../src/config/options.ts';
import type { Problem } from '../../src/vocabulary/problems.ts';
import { runPluginStage } from '../../src/plugins/index.ts';
import { runPlugins } from '../../src/plugins/run-plugins.ts';
import type { SiteData } from '../../src/site/site-data.ts';
import { sendJson, startMockServer, type MockServer } from '../../support/mock-services/http-server.ts';
import { testStageOptions } from '../support/plugin-stage.ts';
import { makeRepo } from '../support/temp-repos.ts';

/**
 * A service that echoes the credentials it was sent, as a misconfigured proxy or a debug endpoint
 * does: the Authorization header as it is and in base64, and the request URL (a token in the query).
 */
const githubToken = 'ghp_PlaybillFake0123456789abcdefABCDEF';
const kubeToken = 'kube~token/with+chars=0123456789XYZ';
const env = { GITHUB_TOKEN: githubToken, KUBE_TOKEN: kubeToken };

/** Every form of a token the redactor promises to scrub, to look for in the output. */
function formsOf(token: string): string[] {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const base64url = (text: string) => Buffer.from(text).toString('base64url');
  const forms = [token, encodeURIComponent(token), encodeURIComponent(token).toLowerCase(), JSON.stringify(token).slice(1, -1)];
  for (const pair of [token, `x:${token}`, `${token}:`, `deploy:${token}`, `Bearer ${token}`]) {
    forms.push(base64(pair).replace(/=+$/, ''), base64url(pair));
  }
  return forms;
}
const forbidden = [...formsOf(githubToken), ...formsOf(kubeToken)];

function expectNoSecret(text: string, where: string): void {
  for (const form of forbidden) expect(text.includes(form), `${where} holds ${form}`).toBe(false);
}

const echoPlugin = definePlugin({
  name: 'echo',
  title: 'Echo',
  options: z.object({ baseUrl: z.string() }),
  create: ({ baseUrl }) => ({
    appliesTo: (entity) => Boolean(entity.metadata.annotations?.['echo/mode']),
    data: z.object({ header: z.string(), headerBase64: z.string(), decoded: z.string(), url: z.string() }),
    fetch: async (entity, context) => {
      const github = context.secret('GITHUB_TOKEN')!;
      const kube = context.secret('KUBE_TOKEN')!;
      const mode = entity.metadata.annotations!['echo/mode']!;
      const request: Record<string, [string, Record<string, string>]> = {
        bearer: ['/echo/bearer', { authorization: `Bearer ${kube}` }],
        basic: ['/echo/basic', { authorization: `Basic ${Buffer.from(`deploy:${github}`).toString('base64')}` }],
        query: [`/echo/query?access_token=${encodeURIComponent(kube)}&page=1`, {}],
        fails: ['/echo/fails', { authorization: `token ${github}` }],
      };
      const [path, headers] = request[mode]!;
      const response = await context.fetch(`${baseUrl}${path}`, { headers });
      const echoed = (await response.json()) as { authorization?: string; authorizationBase64: string; url: string };
      if (!response.ok) throw new Error(`the service refused ${echoed.authorization} (${echoed.authorizationBase64})`);
      const decoded = Buffer.from(echoed.authorizationBase64, 'base64').toString('utf8');
      context.report(`the service echoed ${echoed.authorization ?? echoed.url}`);
      return { header: echoed.authorization ?? '', headerBase64: echoed.authorizationBase64, decoded, url: echoed.url };
    },
    card: (data) => ({ blocks: [{ type: 'facts', items: [{ label: 'Header', value: data.header }, { label: 'Encoded', value: data.headerBase64 }, { label: 'URL', value: data.url }] }] }),
    tab: { title: 'Echo', slug: 'echo', render: (data) => ({ blocks: [{ type: 'code', text: `${data.decoded}\n${data.headerBase64}` }] }) },
    badges: (data) => [{ label: 'echo', value: data.headerBase64 }],
    search: (data) => ({ echo: [data.header, data.headerBase64] }),
    catalog: (data) => ({ header: data.header, [data.headerBase64]: data.url }),
    pages: (results) => [{ path: 'all', title: 'Everything echoed', content: { blocks: results.map(({ data }) => ({ type: 'text', text: data.headerBase64 })) } }],
    files: (results) => [{ path: 'echo.json', content: results.map(({ data }) => data) }],
  }),
});

const notesPlugin = definePlugin({
  name: 'notes',
  title: 'Notes',
  create: () => ({
    appliesTo: () => true,
    data: z.object({ text: z.string() }),
    fetch: async (entity) => ({ text: `notes for ${entity.metadata.name}` }),
    card: (data) => ({ blocks: [{ type: 'text', text: data.text }] }),
  }),
});

function entity(name: string, mode: string): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'echo/mode': mode } },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo: 'shop', file: `${name}/catalog-info.yaml`, line: 2 },
  };
}

const entities = ['bearer', 'basic', 'query', 'fails'].map((mode) => entity(`svc-${mode}`, mode));

let server: MockServer;
let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-echo-'));
  server = await startMockServer((request, response) => {
    const authorization = request.headers.authorization;
    const body = { authorization, authorizationBase64: Buffer.from(authorization ?? request.url!).toString('base64'), url: request.url! };
    sendJson(response, request.url!.startsWith('/echo/fails') ? 401 : 200, body);
  });
});
afterEach(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

async function cacheFiles(): Promise<string[]> {
  const texts: string[] = [];
  for (const plugin of await readdir(cacheDir)) {
    for (const file of await readdir(join(cacheDir, plugin))) texts.push(await readFile(join(cacheDir, plugin, file), 'utf8'));
  }
  return texts;
}

describe('a service that echoes the credentials it is sent', () => {
  it('gets no form of any token into problems, panels, badges, filters, catalog data, pages, files or the response cache', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': '' }, 'shop');
    const result = await runPlugins([echoPlugin({ baseUrl: server.url }), notesPlugin()], entities, [repo], testStageOptions(cacheDir, { env }));

    // The service did get the real credentials: the redactor scrubs the output, not the requests.
    expect(server.requests.map((request) => request.headers.authorization).filter(Boolean).sort()).toEqual(
      [`Basic ${Buffer.from(`deploy:${githubToken}`).toString('base64')}`, `Bearer ${kubeToken}`, `token ${githubToken}`].sort(),
    );

    expectNoSecret(JSON.stringify(result.problems), 'problems');
    expectNoSecret(JSON.stringify([...result.byEntity]), 'panels, badges, filters and catalog data');
    expectNoSecret(JSON.stringify(result.pages), 'pages');
    expectNoSecret(JSON.stringify(result.files), 'files');
    const cached = await cacheFiles();
    expect(cached).toHaveLength(3); // the 401 is not cached
    for (const text of cached) expectNoSecret(text, 'the response cache');

    // The failure is a located problem, and every healthy panel is still there.
    const failed = result.problems.find((problem) => problem.entityRef === 'component:default/svc-fails' && problem.message.includes('refused'))!;
    expect(failed).toMatchObject({ repo: 'shop', file: 'svc-fails/catalog-info.yaml', line: 2, code: 'plugin-failed', plugin: 'echo' });
    expect(failed.message).toContain('[redacted]');
    for (const e of entities) {
      const output = result.byEntity.get(`component:default/${e.metadata.name}`)!;
      expect(output.cards.map((card) => card.plugin)).toEqual(['echo', 'notes']);
      expect(output.cards[1]!.content).toEqual({ blocks: [{ type: 'text', text: `notes for ${e.metadata.name}` }] });
    }
    expect(result.byEntity.get('component:default/svc-bearer')!.cards[0]!.content!.blocks[0]).toEqual({
      type: 'facts',
      items: [
        { label: 'Header', value: 'Bearer [redacted]' },
        { label: 'Encoded', value: '[redacted]' },
        { label: 'URL', value: '/echo/bearer' },
      ],
    });
  });

  it('scrubs the build log and the other stages\' problems of the stage that knew the tokens', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': '' }, 'shop');
    const root = await mkdtemp(join(tmpdir(), 'playbill-echo-root-'));
    try {
      const gitProblem: Problem = {
        severity: 'error',
        repo: 'shop',
        file: '',
        line: 0,
        column: 0,
        code: 'source-failed',
        message: `git fetch failed: remote said "invalid credentials ${githubToken}"`,
      };
      const site = {
        entities,
        views: entities.map((e) => ({ ref: `component:default/${e.metadata.name}` })),
        repos: [{ ...repo, errors: 1, warnings: 0 }],
        problems: [gitProblem],
      } as unknown as SiteData;
      const options = parsePlaybillOptions({ plugins: [echoPlugin({ baseUrl: server.url }), notesPlugin()], cacheDir, fetch: { retries: 0, backoffMs: 1 } });
      const log: string[] = [];
      const built = await runPluginStage(site, options, { root, env, report: (stage, detail) => log.push(`${stage} ${detail}`) });
      expect(log.length).toBeGreaterThan(0);
      expectNoSecret(log.join('\n'), 'the log');
      expectNoSecret(JSON.stringify(built.problems), 'problems.json');
      expect(built.problems.find((problem) => problem.code === 'source-failed')!.message).toBe('git fetch failed: remote said "invalid credentials [redacted]"');

      // A plugin failing outside any entity stops the build: its message, which the log shows, is scrubbed too.
      const broken = definePlugin({
        name: 'broken',
        title: 'Broken',
        create: () => ({
          appliesTo: () => {
            throw new Error(`cannot decide with Basic ${Buffer.from(`x:${githubToken}`).toString('base64')} and ${encodeURIComponent(kubeToken)}`);
          },
          data: z.unknown(),
          fetch: async () => null,
        }),
      });
      const failing = runPluginStage(site, parsePlaybillOptions({ plugins: [broken()], cacheDir }), { root, env });
      const error = (await failing.catch((caught: unknown) => caught)) as Error;
      expect(error).toBeInstanceOf(Error);
      expectNoSecret(`${error.message}\n${error.stack}`, 'the error the log shows');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
