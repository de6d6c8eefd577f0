import { execFileSync } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemsFileSchema } from '../../src/catalog/problems.ts';
import type { Problem } from '../../src/vocabulary/problems.ts';
import { fanOutAsyncApi2, fanOutOpenApi } from '../plugins/api-docs/fan-out-definitions.ts';
import { fixture } from '../plugins/api-docs/fixtures.ts';
import { buildSite, projectRoot, readCatalogFile } from '../support/build-site.ts';
import { doublingThirtyTimes, nineByNine, snippetFanOut } from '../support/expansion-bombs.ts';
import { makeBareRepositoryFolder, makeCanary, makeCloneWithHostileConfig, type Canary } from '../support/hostile-git.ts';
import { startMockServer, type MockServer } from '../../support/mock-services/http-server.ts';
import { writeTree, yaml } from '../support/temp-repos.ts';

/**
 * Issue 14's resource test: one CLI build over an organisation holding every class of hostile
 * repo at once, beside healthy ones, with a token in the environment and in a git URL. Each
 * class has its own, closer test; this one shows that together they neither run code, leak a
 * token, stop the build nor hold it for long, and that nothing healthy is lost.
 */
const config = join(projectRoot, 'test/fixtures/hostile-org/astro.config.mjs');
const token = 'pb7/Secret+Token=4f9aK2';
const gitToken = 'gh0-git-url-token-81z';

/** Every form of a token a service or client could write it in. */
const tokenForms = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret).toString('base64'),
  Buffer.from(`deploy:${secret}`).toString('base64'),
  Buffer.from(`deploy:${secret}`).toString('base64url'),
];

const component = (name: string, annotations: Record<string, string> = {}, extra = '') =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    `  annotations: ${JSON.stringify({ 'backstage.io/techdocs-ref': 'dir:.', ...annotations })}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: user:ada',
    extra,
  ].join('\n');
const api = (name: string, type: string, definition: string) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', `  name: ${name}`, 'spec:', `  type: ${type}`, '  lifecycle: production', '  owner: user:ada', `  definition:${definition}`, ''].join('\n');
const indented = (text: string) => text.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');

let work: string;
let cacheDir: string;
let canary: Canary;
let echoServer: MockServer;
let gitServer: MockServer;
let built: Awaited<ReturnType<typeof buildSite>>;
let seconds: number;
let problems: Problem[];

beforeAll(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'playbill-hostile-org-')));
  cacheDir = join(work, 'cache');
  canary = await makeCanary(work);
  const org = join(work, 'org');

  // Healthy repos: what must all still be there.
  await writeTree(join(org, 'healthy'), {
    'catalog-info.yaml': [component('healthy-service', { 'echo/path': '/ok' }), '---', api('petstore', 'openapi', '\n    $text: ./petstore.yaml')].join('\n'),
    'petstore.yaml': await fixture('petstore-openapi3.yaml'),
    'docs/index.md': '# Healthy service\n\nEverything is fine here, see the [guide](guide.md).\n',
    'docs/guide.md': '# Guide\n\nStep one.\n',
  });
  // Git: team folders whose git config and hooks name a program.
  await makeCloneWithHostileConfig(join(org, 'payments'), { 'catalog-info.yaml': component('payments'), 'docs/index.md': '# Payments\n\nHow payments works.\n' }, canary);
  await makeBareRepositoryFolder(join(org, 'billing'), { 'catalog-info.yaml': component('billing'), 'docs/index.md': '# Billing\n\nHow billing works.\n' }, canary);
  // Expansion: alias bombs, an include bomb, a bomb in mkdocs.yml.
  await writeTree(join(org, 'bombs'), {
    'catalog-info.yaml': [component('bombs-but-fine'), component('nine-by-nine', {}, `  bomb:\n${nineByNine('    ')}`), component('doubling', {}, `  bomb:\n${doublingThirtyTimes('    ')}`)].join('\n---\n'),
    'mkdocs.yml': `site_name: Bombs\nextra:\n${doublingThirtyTimes('  ')}\n`,
    'docs/index.md': '# Bombs\n\nThe healthy page of a hostile site.\n',
    'docs/include-bomb.md': '# Include bomb\n\n--8<-- "snippets/s1.md"\n\nAfter the bomb.\n',
    ...snippetFanOut((target) => `--8<-- "snippets/${target}"`, 'snippets'),
  });
  // API definitions that fan out to a billion nodes.
  await writeTree(join(org, 'apis'), {
    'catalog-info.yaml': [api('fan-out-openapi', 'openapi', '\n    $text: ./fan-out.yaml'), api('fan-out-events', 'asyncapi', ` |\n${indented(fanOutAsyncApi2(10, 9))}`)].join('---\n'),
    'fan-out.yaml': fanOutOpenApi(10, 9),
  });
  // File names that crash, collide or vanish.
  await writeTree(join(org, 'names'), {
    'catalog-info.yaml': component('names'),
    'docs/index.md': '# Names\n\nThe healthy page among bad names.\n',
    'docs/l\nf.md': '# Line feed\n',
    'docs/pic.png': 'not really a png',
    'docs/pic.png.md': '# About the picture\n',
    'docs/caf\u00e9.md': '# Café (NFC)\n',
    'docs/cafe\u0301.md': '# Café (NFD)\n',
  });
  execFileSync('mkfifo', [join(org, 'names', 'docs/pipe.md')]);
  // Plugins: one that never answers for this entity, one whose service echoes the token and fails.
  await writeTree(join(org, 'plugins'), {
    'catalog-info.yaml': [component('quiet', { 'silent/fetch': 'never' }), component('echoed', { 'echo/path': '/fail' })].join('\n---\n'),
  });

  echoServer = await startMockServer((request, response) => {
    const echoed = JSON.stringify({ url: request.url, authorization: request.headers.authorization, key: request.headers['x-api-key'], key64: Buffer.from(String(request.headers['x-api-key'])).toString('base64') });
    response.writeHead(request.url?.startsWith('/fail') ? 500 : 200, { 'content-type': 'application/json' }).end(echoed);
  });
  gitServer = await startMockServer((_request, response) => {
    response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
  });
  const gitPort = new URL(gitServer.url).port;
  const started = performance.now();
  built = await buildSite(['--config', config], {
    HOSTILE_ORG: org,
    HOSTILE_GIT_URL: `http://deploy:${gitToken}@127.0.0.1:${gitPort}/org/repo.git`,
    HOSTILE_ECHO_URL: echoServer.url.replace(/\/$/, ''),
    HOSTILE_ECHO_TOKEN: token,
    PLAYBILL_CACHE_DIR: cacheDir,
  });
  seconds = (performance.now() - started) / 1000;
  problems = built.code === 0 ? problemsFileSchema.parse(JSON.parse(await readFile(join(built.outDir, 'problems.json'), 'utf8'))).problems : [];
}, 300_000);

afterAll(async () => {
  await Promise.all([echoServer?.close(), gitServer?.close()]);
  await Promise.all([work, built?.outDir].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
});

const page = (path: string) => readFile(join(built.outDir, path, 'index.html'), 'utf8');
const problemsOf = (repo: string, code: string) => problems.filter((problem) => problem.repo === repo && problem.code === code);

describe('a build over every hostile repo at once', () => {
  it('completes, not strict, well inside two minutes', () => {
    expect(built.code, built.stderr + built.stdout).toBe(0);
    expect(seconds).toBeLessThan(120);
  });

  it('runs no program from any repo', async () => {
    expect(await canary.runs()).toEqual([]);
  });

  it('puts no form of either token in the log, the site or the cache, in any file name or content', async () => {
    expect(echoServer.requests.length).toBeGreaterThan(0); // the token really went out, and came back
    const forms = [...tokenForms(token), ...tokenForms(gitToken)];
    for (const form of forms) expect(built.stdout + built.stderr, form).not.toContain(form);
    const files = [...(await filesUnder(built.outDir)), ...(await filesUnder(cacheDir))];
    expect(files.length).toBeGreaterThan(20);
    for (const path of files) {
      const content = await readFile(path).catch(() => Buffer.alloc(0)); // folders read as empty
      for (const form of forms) {
        expect(path).not.toContain(form);
        expect(content.includes(form), `${form} in ${path}`).toBe(false);
      }
    }
  });

  it('reports each hostile part as a located problem', () => {
    expect(problemsOf('repo', 'source-failed')).toHaveLength(1);
    expect(problemsOf('bombs', 'yaml-syntax').map((problem) => problem.line)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(problemsOf('bombs', 'docs-config-invalid')).toMatchObject([{ file: 'mkdocs.yml', line: 1 }]);
    expect(problems.filter((problem) => problem.repo === 'bombs' && problem.code === 'docs-render' && problem.line > 0)).not.toEqual([]);
    const apiProblems = problems.filter((problem) => problem.repo === 'apis' && problem.code === 'plugin-failed');
    expect(apiProblems.map((problem) => problem.entityRef).sort()).toEqual(['api:default/fan-out-events', 'api:default/fan-out-openapi']);
    for (const problem of apiProblems) expect(problem.line).toBeGreaterThan(0);
    expect(problemsOf('names', 'docs-page-conflict').map((problem) => problem.file).sort()).toEqual(['docs/caf\u00e9.md', 'docs/l\\nf.md', 'docs/pic.png']);
    expect(problemsOf('names', 'unreadable-file')).toMatchObject([{ file: 'docs/pipe.md' }]);
    expect(problemsOf('plugins', 'plugin-failed')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entityRef: 'component:default/quiet', message: expect.stringContaining('did not answer within') }),
        expect.objectContaining({ entityRef: 'component:default/echoed', message: expect.stringContaining('answered 500') }),
      ]),
    );
  });

  it('keeps every healthy entity, page and panel', async () => {
    const catalog = await readCatalogFile(built.outDir);
    const names = catalog.entities.map((entity) => entity.metadata.name).sort();
    expect(names).toEqual(['billing', 'bombs-but-fine', 'echoed', 'fan-out-events', 'fan-out-openapi', 'healthy-service', 'names', 'payments', 'petstore', 'quiet']);
    expect(await page('docs/default/component/healthy-service')).toContain('Everything is fine here');
    expect(await page('docs/default/component/healthy-service/guide')).toContain('Step one.');
    for (const name of ['payments', 'billing']) expect(await page(`docs/default/component/${name}`)).toContain(`How ${name} works.`);
    expect(await page('docs/default/component/bombs-but-fine')).toContain('The healthy page of a hostile site.');
    expect(await page('docs/default/component/bombs-but-fine/include-bomb')).toContain('After the bomb.');
    expect(await page('docs/default/component/names')).toContain('The healthy page among bad names.');
    await access(join(built.outDir, 'docs/default/component/names/pic.png/index.html'));
    expect(await page('catalog/default/api/petstore')).toContain('/pets');
    const healthy = await page('catalog/default/component/healthy-service');
    expect(healthy).toContain('Notes for healthy-service');
    expect(healthy).toContain('[redacted]'); // the echoed credentials, scrubbed in the card
    expect(await page('catalog/default/component/quiet')).toContain('Notes for quiet');
    await access(join(built.outDir, 'pagefind', 'pagefind.js'));
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.map((entry) => join(entry.parentPath, entry.name));
}
