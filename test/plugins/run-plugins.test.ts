import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definePlugin, z, type CatalogEntity } from '../../integrations/plugin-api.ts';
import { createRecordedTransport } from '../../src/plugins/recorded-transport.ts';
import { runPlugins, type PluginStageOptions } from '../../src/plugins/run-plugins.ts';
import { sendJson, startMockServer, type MockServer } from '../../support/mock-services/http-server.ts';
import { makeRepo } from '../support/temp-repos.ts';
import { testStageOptions } from '../support/plugin-stage.ts';

function entity(name: string, annotations: Record<string, string> = {}): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [],
    source: { repo: 'shop', file: 'catalog-info.yaml', line: 3 },
  };
}

/** A plugin reading `/status/<id>` from a status service, as a third party would write it. */
const statusPlugin = definePlugin({
  name: 'status',
  title: 'Service status',
  options: z.object({ baseUrl: z.string(), tokenEnv: z.string().default('STATUS_TOKEN') }),
  create: (options) => ({
    appliesTo: (e) => Boolean(e.metadata.annotations?.['status/id']),
    data: z.object({ state: z.enum(['up', 'down']), incidents: z.number().int() }),
    fetch: async (e, context) => {
      const token = context.secret(options.tokenEnv);
      const response = await context.fetch(`${options.baseUrl}/status/${e.metadata.annotations!['status/id']}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) throw new Error(`the status service answered ${response.status}: ${await response.text()}`);
      return response.json();
    },
    card: (data) => ({ blocks: [{ type: 'status', tone: data.state === 'up' ? 'ok' : 'error', label: data.state }] }),
    badges: (data) => [{ label: 'status', value: data.state, tone: data.state === 'up' ? 'ok' : 'error' }],
    search: (data) => ({ status: data.state }),
    catalog: (data) => ({ state: data.state }),
  }),
});

const notesPlugin = definePlugin({
  name: 'notes',
  title: 'Notes',
  create: () => ({
    appliesTo: () => true,
    data: z.object({ text: z.string() }),
    fetch: async (e) => ({ text: `notes for ${e.metadata.name}` }),
    card: (data) => ({ blocks: [{ type: 'text', text: data.text }] }),
  }),
});

let server: MockServer;
let cacheDir: string;
let behaviour: Record<string, (attempt: number) => { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number }>;
const attempts = new Map<string, number>();

beforeEach(async () => {
  behaviour = {};
  attempts.clear();
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-plugin-cache-'));
  server = await startMockServer(async (request, response) => {
    const id = request.url!.split('/').pop()!;
    const attempt = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, attempt);
    const answer = behaviour[id]?.(attempt) ?? { status: 200, body: { state: 'up', incidents: 0 } };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (typeof answer.body === 'string') {
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    } else sendJson(response, answer.status, answer.body, answer.headers);
  });
});
afterEach(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

function stageOptions(overrides: Partial<PluginStageOptions> = {}, policy: Partial<PluginStageOptions['policy']> = {}): PluginStageOptions {
  return testStageOptions(cacheDir, { ...overrides, policy: { timeoutMs: 1000, retries: 2, maxRateLimitWaitMs: 2000, ...policy } });
}

async function run(entities: CatalogEntity[], options = stageOptions(), plugins = [statusPlugin({ baseUrl: server.url }), notesPlugin()]) {
  const repo = await makeRepo({ 'catalog-info.yaml': '' }, 'shop');
  return runPlugins(plugins, entities, [repo], options);
}

describe('the plugin stage', () => {
  it('renders a card, badge, search filter and catalog field from fetched data, with the time it was fetched', async () => {
    const before = new Date().toISOString();
    const result = await run([entity('cart', { 'status/id': 'cart' })]);
    const output = result.byEntity.get('component:default/cart')!;
    expect(output.cards.map((card) => card.plugin)).toEqual(['status', 'notes']);
    expect(output.cards[0]!.content!.blocks).toEqual([{ type: 'status', tone: 'ok', label: 'up' }]);
    expect(output.cards[0]!.fetchedAt! >= before).toBe(true);
    expect(output.badges).toEqual([{ plugin: 'status', label: 'status', value: 'up', tone: 'ok' }]);
    expect(output.searchFilters).toEqual({ status: ['up'] });
    expect(output.catalog).toEqual({ status: { state: 'up' } });
    expect(result.problems).toEqual([]);
  });

  it('reports a failing fetch at the entity descriptor, shows the panel as unavailable, and keeps every other panel', async () => {
    behaviour.cart = () => ({ status: 404, body: { message: 'no such service' } });
    const result = await run([entity('cart', { 'status/id': 'cart' }), entity('till', { 'status/id': 'till' })]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        repo: 'shop',
        file: 'catalog-info.yaml',
        line: 3,
        entityRef: 'component:default/cart',
        code: 'plugin-failed',
        plugin: 'status',
        message: expect.stringContaining('the status service answered 404'),
      }),
    ]);
    const cart = result.byEntity.get('component:default/cart')!;
    expect(cart.cards[0]).toMatchObject({ plugin: 'status', unavailable: expect.stringContaining('404') });
    expect(cart.cards[1]).toMatchObject({ plugin: 'notes', content: { blocks: [{ type: 'text', text: 'notes for cart' }] } });
    expect(result.byEntity.get('component:default/till')!.cards[0]!.content).toBeDefined();
  });

  it('times out a slow service and says so', async () => {
    behaviour.cart = () => ({ status: 200, body: { state: 'up', incidents: 0 }, delayMs: 600 });
    const result = await run([entity('cart', { 'status/id': 'cart' })], stageOptions({}, { timeoutMs: 150, retries: 1 }));
    expect(result.problems[0]!.message).toMatch(/timed out after 150 ms \(after 2 attempts\)/);
    expect(attempts.get('cart')).toBe(2);
  });

  it('rejects data that does not match the plugin schema', async () => {
    behaviour.cart = () => ({ status: 200, body: { state: 'sideways', incidents: 'many' } });
    const result = await run([entity('cart', { 'status/id': 'cart' })]);
    expect(result.problems[0]!.message).toMatch(/did not match the plugin's schema \(state: /);
    expect(result.byEntity.get('component:default/cart')!.cards[0]!.unavailable).toBeDefined();
  });

  it('reports garbage that is not JSON', async () => {
    behaviour.cart = () => ({ status: 200, body: '<html>oops', headers: { 'content-type': 'text/html' } });
    const result = await run([entity('cart', { 'status/id': 'cart' })]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toMatch(/JSON/);
  });

  it('retries a 500 with backoff and then succeeds', async () => {
    behaviour.cart = (attempt) => (attempt < 3 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: { state: 'down', incidents: 2 } });
    const result = await run([entity('cart', { 'status/id': 'cart' })]);
    expect(result.problems).toEqual([]);
    expect(attempts.get('cart')).toBe(3);
    expect(result.stats[0]!.fetch).toMatchObject({ requests: 3, retried: 2 });
  });

  it('lets other requests use the slot while a failed request backs off', async () => {
    behaviour.cart = () => ({ status: 503, body: { message: 'busy' } });
    await run([entity('cart', { 'status/id': 'cart' }), entity('till', { 'status/id': 'till' })], stageOptions({}, { concurrency: 1, retries: 1, backoffMs: 300 }), [
      statusPlugin({ baseUrl: server.url }),
    ]);
    expect(server.requests.map((request) => request.url)).toEqual(['/status/cart', '/status/till', '/status/cart']);
  });

  it('waits out a rate limit (429 with Retry-After) and then succeeds', async () => {
    behaviour.cart = (attempt) => (attempt === 1 ? { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' } } : { status: 200, body: { state: 'up', incidents: 0 } });
    const started = Date.now();
    const result = await run([entity('cart', { 'status/id': 'cart' })]);
    expect(result.problems).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('waits out a secondary rate limit (403 with Retry-After) and then succeeds', async () => {
    behaviour.cart = (attempt) =>
      attempt === 1 ? { status: 403, body: { message: 'You have exceeded a secondary rate limit' }, headers: { 'retry-after': '1' } } : { status: 200, body: { state: 'up', incidents: 0 } };
    const result = await run([entity('cart', { 'status/id': 'cart' })]);
    expect(result.problems).toEqual([]);
    expect(attempts.get('cart')).toBe(2);
  });

  it('gives up on a rate limit that resets later than it is willing to wait', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    behaviour.cart = () => ({ status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } });
    const result = await run([entity('cart', { 'status/id': 'cart' })]);
    expect(attempts.get('cart')).toBe(1);
    expect(result.problems[0]!.message).toMatch(/403/);
  });

  it('fails later requests to a host whose limit resets beyond the wait at once, instead of sleeping in a slot', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    behaviour.cart = () => ({ status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } });
    const started = Date.now();
    const entities = ['cart', 'till', 'scan', 'desk'].map((name) => entity(name, { 'status/id': name }));
    const result = await run(entities, stageOptions({}, { concurrency: 1 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests.length).toBeLessThan(entities.length);
    const notSent = result.problems.filter((problem) => / not sent: the rate limit of 127\.0\.0\.1:\d+ is spent until \d\d:\d\d UTC, later than the build waits$/.test(problem.message));
    expect(notSent).toHaveLength(entities.length - server.requests.length);
  });

  it('answers a second build from the cache with zero requests, and an offline build from the cache only', async () => {
    const entities = [entity('cart', { 'status/id': 'cart' }), entity('till', { 'status/id': 'till' })];
    const first = await run(entities);
    expect(server.requests).toHaveLength(2);
    const second = await run(entities);
    expect(server.requests).toHaveLength(2);
    expect(second.stats[0]!.fetch).toMatchObject({ requests: 0, cached: 2 });
    expect(second.byEntity.get('component:default/cart')!.cards[0]!.fetchedAt).toBe(first.byEntity.get('component:default/cart')!.cards[0]!.fetchedAt);

    const offline = await run([...entities, entity('scan', { 'status/id': 'scan' })], stageOptions({}, { offline: true, cacheTtlMs: 0 }));
    expect(server.requests).toHaveLength(2);
    expect(offline.problems.map((p) => p.entityRef)).toEqual(['component:default/scan']);
    expect(offline.problems[0]!.message).toMatch(/offline build: no cached response for GET/);
  });

  it('keeps a 404 in the cache like an answer, but not a 500: a rebuild asks only for the 500 again', async () => {
    behaviour.cart = () => ({ status: 404, body: { message: 'no such service' } });
    behaviour.till = () => ({ status: 500, body: { message: 'boom' } });
    const entities = [entity('cart', { 'status/id': 'cart' }), entity('till', { 'status/id': 'till' })];
    const first = await run(entities, stageOptions({}, { retries: 0 }));
    expect(first.problems.map((p) => p.entityRef)).toEqual(['component:default/cart', 'component:default/till']);
    const second = await run(entities, stageOptions({}, { retries: 0 }));
    expect(second.problems.map((p) => p.message)).toEqual(first.problems.map((p) => p.message));
    expect(server.requests.map((request) => request.url).sort()).toEqual(['/status/cart', '/status/till', '/status/till']);
  });

  it('fetches once for the entities that share a fetch key: each gets the data and its fetch time, or the failure as its own problem', async () => {
    const byTeam = definePlugin({
      name: 'team-status',
      title: 'Team status',
      options: z.object({ baseUrl: z.string() }),
      create: (options) => ({
        appliesTo: (e) => Boolean(e.metadata.annotations?.['status/id']),
        fetchKey: (e) => e.metadata.annotations!['status/id'],
        data: z.object({ state: z.enum(['up', 'down']), incidents: z.number().int() }),
        fetch: async (e, context) => context.fetchJson<{ state: 'up' | 'down'; incidents: number }>(`${options.baseUrl}/status/${e.metadata.annotations!['status/id']}`),
        card: (data) => ({ blocks: [{ type: 'text', text: `${data.state}, ${data.incidents} incidents` }] }),
      }),
    });
    behaviour.payments = () => ({ status: 200, body: { state: 'up', incidents: 2 } });
    behaviour.gone = () => ({ status: 404, body: { message: 'no such team' } });
    const entities = [
      entity('cart', { 'status/id': 'payments' }),
      entity('till', { 'status/id': 'payments' }),
      entity('refunds', { 'status/id': 'payments' }),
      entity('old', { 'status/id': 'gone' }),
      entity('older', { 'status/id': 'gone' }),
    ];
    const result = await run(entities, stageOptions(), [byTeam({ baseUrl: server.url })]);
    expect(server.requests.map((request) => request.url).sort()).toEqual(['/status/gone', '/status/payments']);
    const cards = ['cart', 'till', 'refunds'].map((name) => result.byEntity.get(`component:default/${name}`)!.cards[0]!);
    for (const card of cards) expect(card.content!.blocks).toEqual([{ type: 'text', text: 'up, 2 incidents' }]);
    expect(new Set(cards.map((card) => card.fetchedAt)).size).toBe(1);
    expect(cards[0]!.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(result.problems.map((p) => [p.entityRef, p.message])).toEqual([
      ['component:default/old', expect.stringContaining('answered 404')],
      ['component:default/older', expect.stringContaining('answered 404')],
    ]);
  });

  it('keeps every panel when the cache cannot be written, with one warning saying so', async () => {
    const blocked = join(cacheDir, 'not-a-folder');
    await writeFile(blocked, '');
    const entities = [entity('cart', { 'status/id': 'cart' }), entity('till', { 'status/id': 'till' })];
    const result = await run(entities, stageOptions({ cacheDir: join(blocked, 'plugins') }));
    expect(result.byEntity.get('component:default/till')!.cards[0]).toMatchObject({ plugin: 'status', content: expect.anything() });
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', plugin: 'status', message: expect.stringMatching(/^Service status \(status plugin\): 2 responses could not be written to the cache in .*; the next build asks for them again$/) }),
    ]);
  });

  it('asks again when the token changes: credentials are part of the cache key', async () => {
    const entities = [entity('cart', { 'status/id': 'cart' })];
    await run(entities, stageOptions({ env: { STATUS_TOKEN: 'first-token' } }));
    await run(entities, stageOptions({ env: { STATUS_TOKEN: 'first-token' } }));
    expect(server.requests).toHaveLength(1);
    await run(entities, stageOptions({ env: { STATUS_TOKEN: 'second-token' } }));
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(['Bearer first-token', 'Bearer second-token']);
  });

  it('sends the token from the environment and scrubs it from problems and the cache', async () => {
    const token = 'tok_playbillFake_9f8e7d6c5b4a';
    behaviour.cart = () => ({ status: 401, body: { message: 'bad credentials', echoed: `Bearer ${token}` } });
    const result = await run([entity('cart', { 'status/id': 'cart' }), entity('till', { 'status/id': 'till' })], stageOptions({ env: { STATUS_TOKEN: token } }));
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(JSON.stringify(result)).not.toContain(token);
    expect(result.problems[0]!.message).toContain('[redacted]');
    const files = await readdir(join(cacheDir, 'status'));
    expect(files.length).toBe(1);
    for (const file of files) expect(await readFile(join(cacheDir, 'status', file), 'utf8')).not.toContain(token);
  });

  it('stops a plugin that hangs without using the network at the entity deadline', async () => {
    const hanging = definePlugin({
      name: 'hang',
      title: 'Hang',
      create: () => ({ appliesTo: () => true, data: z.object({}), fetch: () => new Promise(() => {}), card: () => ({ blocks: [] }) }),
    });
    const result = await run([entity('cart')], stageOptions({}, { entityTimeoutMs: 100 }), [hanging(), notesPlugin()]);
    expect(result.problems[0]!.message).toBe('Hang (hang plugin): did not answer within 100 ms');
    expect(result.byEntity.get('component:default/cart')!.cards.map((card) => card.plugin)).toEqual(['hang', 'notes']);
  });

  it('loses only the failing plugin when its render function throws', async () => {
    const broken = definePlugin({
      name: 'broken',
      title: 'Broken',
      create: () => ({
        appliesTo: () => true,
        data: z.object({}),
        fetch: async () => ({}),
        card: () => {
          throw new Error('cannot read properties of undefined');
        },
      }),
    });
    const result = await run([entity('cart')], stageOptions(), [broken(), notesPlugin()]);
    expect(result.problems[0]!.message).toMatch(/rendering failed: cannot read properties/);
    const cards = result.byEntity.get('component:default/cart')!.cards;
    expect(cards.map((card) => [card.plugin, Boolean(card.unavailable)])).toEqual([
      ['broken', true],
      ['notes', false],
    ]);
  });

  it('keeps nothing of an entity whose catalog addition JSON cannot hold: one unavailable card, no rendered card, badge or filter beside it', async () => {
    const counter = definePlugin({
      name: 'counter',
      title: 'Counter',
      create: () => ({
        appliesTo: () => true,
        data: z.object({ count: z.number() }),
        fetch: async () => ({ count: 3 }),
        card: (data) => ({ blocks: [{ type: 'text', text: `${data.count} counted` }] }),
        badges: (data) => [{ label: 'count', value: String(data.count) }],
        search: (data) => ({ count: String(data.count) }),
        catalog: (data) => ({ count: BigInt(data.count) }),
      }),
    });
    const result = await run([entity('cart')], stageOptions(), [counter(), notesPlugin()]);
    expect(result.problems).toEqual([expect.objectContaining({ entityRef: 'component:default/cart', plugin: 'counter', message: expect.stringMatching(/rendering failed: .*BigInt/) })]);
    const output = result.byEntity.get('component:default/cart')!;
    expect(output.cards.map((card) => [card.plugin, Boolean(card.unavailable)])).toEqual([
      ['counter', true],
      ['notes', false],
    ]);
    expect(output.badges).toEqual([]);
    expect(output.searchFilters).toEqual({});
    expect(output.catalog).toEqual({});
  });

  it('builds from recorded responses, marked as sample data and dated when they were recorded', async () => {
    const recordings = await makeRepo({
      'status.json': JSON.stringify({
        recordedAt: '2026-11-27T14:02:00Z',
        recordings: [{ request: { url: 'https://status.example/status/cart' }, response: { body: { state: 'up', incidents: 1 } } }],
      }),
    });
    const transport = await createRecordedTransport(recordings.dir);
    const result = await run([entity('cart', { 'status/id': 'cart' }), entity('till', { 'status/id': 'till' })], stageOptions({ transport, sample: true }), [
      statusPlugin({ baseUrl: 'https://status.example' }),
    ]);
    expect(result.byEntity.get('component:default/cart')!.cards[0]).toMatchObject({ sample: true, fetchedAt: '2026-11-27T14:02:00Z' });
    expect(result.problems[0]!.message).toMatch(/no recorded response for GET https:\/\/status.example\/status\/till/);
    expect(result.problems[0]!.message).not.toMatch(/attempts/); // a missing recording is not retried
  });

  it('asks once for a request several entities make at the same time', async () => {
    behaviour.shared = () => ({ status: 200, body: { state: 'up', incidents: 0 }, delayMs: 100 });
    const entities = ['a', 'b', 'c'].map((name) => entity(name, { 'status/id': 'shared' }));
    const result = await run(entities, stageOptions(), [statusPlugin({ baseUrl: server.url })]);
    expect(result.problems).toEqual([]);
    expect(attempts.get('shared')).toBe(1);
    expect(result.stats[0]!.fetch).toMatchObject({ requests: 1, cached: 2 });
  });

  it('caches recorded responses by when they were stored, not when they were recorded', async () => {
    const recordings = await makeRepo({
      'status.json': JSON.stringify({
        recordedAt: '2020-01-01T00:00:00Z',
        recordings: [{ request: { url: 'https://status.example/status/cart' }, response: { body: { state: 'up', incidents: 1 } } }],
      }),
    });
    const transport = await createRecordedTransport(recordings.dir);
    const options = stageOptions({ transport, sample: true });
    const plugins = [statusPlugin({ baseUrl: 'https://status.example' })];
    await run([entity('cart', { 'status/id': 'cart' })], options, plugins);
    const second = await run([entity('cart', { 'status/id': 'cart' })], options, plugins);
    expect(second.stats[0]!.fetch).toMatchObject({ requests: 0, cached: 1 });
    expect(second.byEntity.get('component:default/cart')!.cards[0]!.fetchedAt).toBe('2020-01-01T00:00:00Z');
  });

  it('refuses bad plugin options with a readable message', () => {
    expect(() => statusPlugin({} as never)).toThrow(/Invalid options for the status plugin in astro.config.mjs:\n {2}- baseUrl: /);
  });

  it('reads repo files for a plugin but refuses paths outside the repo', async () => {
    const reader = definePlugin({
      name: 'reader',
      title: 'Reader',
      create: () => ({
        appliesTo: () => true,
        data: z.object({ text: z.string() }),
        fetch: async (e, context) => ({ text: await context.readRepoFile(e.metadata.name === 'cart' ? 'catalog-info.yaml' : '../../etc/passwd') }),
      }),
    });
    const result = await run([entity('cart'), entity('till')], stageOptions(), [reader()]);
    expect(result.problems.map((p) => [p.entityRef, p.message])).toEqual([['component:default/till', 'Reader (reader plugin): ../../etc/passwd is outside the repo']]);
  });
});
