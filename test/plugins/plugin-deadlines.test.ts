import { mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definePlugin, z, type CatalogEntity } from '../../integrations/plugin-api.ts';
import type { Problem } from '../../src/vocabulary/problems.ts';
import { runPlugins, type EntityPluginOutput } from '../../src/plugins/run-plugins.ts';
import { sendJson, startMockServer, type MockServer } from '../../support/mock-services/http-server.ts';
import { testStageOptions } from '../support/plugin-stage.ts';

function entity(name: string, annotations: Record<string, string> = {}, repo = 'shop'): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo, file: 'catalog-info.yaml', line: 4 },
  };
}

/** A plugin asking `<its annotation's URL>/<plugin>/<entity>` with fetchJson, as most plugins do. */
function askingPlugin(name: string, title: string) {
  return definePlugin({
    name,
    title,
    create: () => ({
      appliesTo: (e) => Boolean(e.metadata.annotations?.[`${name}/url`]),
      data: z.object({ ok: z.boolean() }),
      fetch: (e, context) => context.fetchJson(`${e.metadata.annotations![`${name}/url`]}/${name}/${e.metadata.name}`),
      card: (data) => ({ blocks: [{ type: 'text', text: data.ok ? 'healthy' : 'unhealthy' }] }),
    }),
  });
}
const healthPlugin = askingPlugin('health', 'Health');
/** Like the Kubernetes plugin: its own entities, its own cluster, the same request slots. */
const clusterPlugin = askingPlugin('cluster', 'Cluster');

let cacheDir: string;
const servers: MockServer[] = [];
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-deadline-cache-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await rm(cacheDir, { recursive: true, force: true });
});

async function server(handle: (response: ServerResponse) => void): Promise<string> {
  const started = await startMockServer((_, response) => handle(response));
  servers.push(started);
  return started.url;
}

describe('a plugin that never answers', () => {
  it('is a located problem on its entity, with every other panel kept, even where nothing else keeps the thread alive', async () => {
    // The stage runs on a fresh thread, as on the pipeline worker: a never-settling fetch once emptied its event loop.
    const worker = new Worker(new URL('../fixtures/silent-plugins/stage-worker.ts', import.meta.url), {
      workerData: {
        entities: [entity('quiet', { 'silent/fetch': 'never' }), entity('chatty')],
        cacheDir,
        entityTimeoutMs: 300,
      },
    });
    const outcome = await new Promise<{ message?: { problems: Problem[]; byEntity: Record<string, EntityPluginOutput> }; exitCode?: number }>((resolve) => {
      worker.once('message', (message) => resolve({ message }));
      worker.once('exit', (exitCode) => resolve({ exitCode }));
    });
    await worker.terminate();
    expect(outcome.exitCode, 'the stage thread exited before it answered').toBeUndefined();
    const { problems, byEntity } = outcome.message!;
    expect(problems).toEqual([
      expect.objectContaining({ repo: '', file: '', code: 'plugin-failed', plugin: 'silent', message: 'Silent (silent plugin): its pages or files could not be built: did not answer within 300 ms' }),
      {
        severity: 'warning',
        repo: 'shop',
        file: 'catalog-info.yaml',
        line: 4,
        column: 1,
        entityRef: 'component:default/quiet',
        code: 'plugin-failed',
        plugin: 'silent',
        message: 'Silent (silent plugin): did not answer within 300 ms',
      },
    ]);
    const quiet = byEntity['component:default/quiet']!;
    expect(quiet.cards.map((card) => [card.plugin, card.unavailable ?? card.content?.blocks])).toEqual([
      ['silent', 'did not answer within 300 ms'],
      ['notes', [{ type: 'text', text: 'Notes for quiet' }]],
    ]);
    expect(byEntity['component:default/chatty']!.cards.map((card) => card.content?.blocks)).toEqual([
      [{ type: 'text', text: 'Silent answered' }],
      [{ type: 'text', text: 'Notes for chatty' }],
    ]);
  });
});

describe('hosts that hang beside hosts that fail', () => {
  it("reports each entity's real answer, not the timeout of requests queued behind a hung host", async () => {
    // A cluster that accepts connections and never answers, a service that answers 500, one rate-limited.
    const hung = await server(() => {});
    const failing = await server((response) => sendJson(response, 500, { message: 'internal error' }));
    const limited = await server((response) => sendJson(response, 429, { message: 'slow down' }, { 'retry-after': '1' }));
    // The cluster's entities outnumber the slots, as a real cluster's would; both plugins share the two slots.
    const clusterNames = ['pods-a', 'pods-b', 'pods-c', 'pods-d', 'pods-e', 'pods-f'];
    const entities = [...clusterNames.map((name) => entity(name, { 'cluster/url': hung })), entity('failing', { 'health/url': failing }), entity('limited', { 'health/url': limited })];
    const policy = { concurrency: 2, timeoutMs: 1000, retries: 2, backoffMs: 10, maxRateLimitWaitMs: 5000, entityTimeoutMs: 3000 };
    const result = await runPlugins([clusterPlugin(), healthPlugin()], entities, [], testStageOptions(cacheDir, { policy }));
    const messages = Object.fromEntries(result.problems.map((problem) => [problem.entityRef, problem.message]));
    expect(messages['component:default/failing']).toBe(`Health (health plugin): GET ${failing}/health/failing answered 500 Internal Server Error`);
    expect(messages['component:default/limited']).toBe(`Health (health plugin): GET ${limited}/health/limited answered 429 Too Many Requests`);
    // The hung cluster's entities say what they were doing when their time ran out.
    for (const name of clusterNames) {
      const message = messages[`component:default/${name}`]!;
      expect(message).toContain(`Cluster (cluster plugin): `);
      expect(message).toMatch(new RegExp(`GET ${hung}/cluster/${name} (failed: timed out after 1000 ms \\(after \\d attempts?[^)]*\\)|was still waiting for (a request slot|an answer))$`));
    }
  }, 30_000);

  it('names the last real answer when the entity runs out of time while waiting to try again', async () => {
    const busy = await server((response) => sendJson(response, 503, { message: 'busy' }, { 'retry-after': '5' }));
    const result = await runPlugins([healthPlugin()], [entity('busy', { 'health/url': busy })], [], testStageOptions(cacheDir, { policy: { retries: 2, maxRateLimitWaitMs: 10_000, backoffMs: 2000, entityTimeoutMs: 500 } }));
    expect(result.problems.map((problem) => problem.message)).toEqual([
      `Health (health plugin): GET ${busy}/health/busy answered 503 Service Unavailable (after 1 attempt; the time limit of 500 ms ran out while it was waiting to retry)`,
    ]);
  });

  it('frees the slot of a request whose transport ignores its timeout', async () => {
    const ok = await server((response) => sendJson(response, 200, { ok: true }));
    // A transport that never settles, whatever its signal says.
    const transport = ((url: string | URL | Request, init?: RequestInit) => (String(url).includes('/health/stuck') ? new Promise(() => {}) : fetch(url, init))) as typeof fetch;
    const entities = [entity('stuck', { 'health/url': ok }), entity('fine', { 'health/url': ok })];
    const result = await runPlugins([healthPlugin()], entities, [], testStageOptions(cacheDir, { transport, policy: { concurrency: 1, timeoutMs: 200, entityTimeoutMs: 3000 } }));
    expect(result.problems.map((problem) => [problem.entityRef, problem.message])).toEqual([
      ['component:default/stuck', `Health (health plugin): GET ${ok}/health/stuck failed: timed out after 200 ms`],
    ]);
    expect(result.byEntity.get('component:default/fine')!.cards[0]!.content!.blocks).toEqual([{ type: 'text', text: 'healthy' }]);
  });
});
