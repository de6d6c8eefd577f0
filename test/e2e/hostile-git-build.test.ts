import { mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot } from '../support/build-site.ts';
import { makeBareRepositoryFolder, makeCanary, makeCloneWithHostileConfig } from '../support/hostile-git.ts';
import { startMockServer } from '../../support/mock-services/http-server.ts';
import { writeTree, yaml } from '../support/temp-repos.ts';

/**
 * One CLI build over repos that attack git: team folders whose git config names a program for
 * everything (a clone's .git/config, a bare repository committed as the folder), and a git source
 * whose URL carries a token and whose server answers 500.
 */
const config = join(projectRoot, 'test/fixtures/hostile-git/astro.config.mjs');
const token = 's3cr3t-token';
const component = (name: string) => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ${name}
    annotations: { backstage.io/techdocs-ref: "dir:." }
  spec: { type: service, lifecycle: production, owner: user:ada }
`;
const teamFiles = (name: string) => ({ 'catalog-info.yaml': component(name), 'docs/index.md': `# ${name}\n\nHow ${name} works.\n` });

const cleanup: string[] = [];
afterAll(() => Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true }))));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((entry) => join(entry.parentPath, entry.name));
}

describe('a build over repos that attack git', () => {
  it('runs nothing from them, builds every docs page, and never prints the git URL token', async () => {
    const work = await realpath(await mkdtemp(join(tmpdir(), 'playbill-hostile-git-')));
    const cacheDir = await mkdtemp(join(tmpdir(), 'playbill-cache-'));
    cleanup.push(work, cacheDir);
    const canary = await makeCanary(work);
    const org = join(work, 'org');
    await makeCloneWithHostileConfig(join(org, 'payments'), teamFiles('payments'), canary);
    await makeBareRepositoryFolder(join(org, 'billing'), teamFiles('billing'), canary);
    await writeTree(join(org, 'plain'), teamFiles('plain'));
    const server = await startMockServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    });
    const port = new URL(server.url).port;
    let built: Awaited<ReturnType<typeof buildSite>>;
    try {
      built = await buildSite(['--config', config], { HOSTILE_ORG: org, HOSTILE_GIT_URL: `http://user:${token}@127.0.0.1:${port}/org/repo.git`, PLAYBILL_CACHE_DIR: cacheDir });
    } finally {
      await server.close();
    }
    cleanup.push(built.outDir);

    expect(built.code, built.stderr).toBe(0);
    expect(await canary.runs()).toEqual([]);
    expect(server.requests.length).toBeGreaterThan(0);

    for (const name of ['payments', 'billing', 'plain']) {
      expect(await readFile(join(built.outDir, `docs/default/component/${name}/index.html`), 'utf8')).toContain(`How ${name} works.`);
    }
    const catalog = JSON.parse(await readFile(join(built.outDir, 'catalog.json'), 'utf8'));
    expect(catalog.entities.map((entity: { metadata: { name: string } }) => entity.metadata.name).sort()).toEqual(['billing', 'payments', 'plain']);

    const { problems } = JSON.parse(await readFile(join(built.outDir, 'problems.json'), 'utf8'));
    const failed = problems.filter((problem: { code: string }) => problem.code === 'source-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ severity: 'error', repo: 'repo', file: '', code: 'source-failed' });
    expect(failed[0].message).toMatch(new RegExp(`could not fetch HEAD of http://127\\.0\\.0\\.1:${port}/org/repo\\.git: .*500`));
    expect(await readFile(join(built.outDir, 'problems/index.html'), 'utf8')).toContain(`http://127.0.0.1:${port}/org/repo.git`);
    expect(built.stdout + built.stderr).toContain(`http://127.0.0.1:${port}/org/repo.git`);

    // The token: nowhere in the log, the site or the cache, in any file's name or content.
    expect(built.stdout + built.stderr).not.toContain(token);
    for (const path of [...(await filesUnder(built.outDir)), ...(await filesUnder(cacheDir))]) {
      expect(path).not.toContain(token);
      const content = await readFile(path).catch(() => Buffer.alloc(0)); // folders read as empty
      expect(content.includes(token), path).toBe(false);
    }
  }, 300_000);
});
