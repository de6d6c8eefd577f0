import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/options.ts';
import { resolveSources } from '../../src/sources/index.ts';
import { checkoutGitRepo, repoNameFromUrl } from '../../src/sources/git-source.ts';
import { startGitHttpServer } from '../../support/mock-services/git-http.ts';
import { startMockServer } from '../../support/mock-services/http-server.ts';
import { fixtureGit, hostileConfig, makeCanary, writeCanaryHooks, writeRepoConfig } from '../support/hostile-git.ts';

let work: string;
let origin: string;
let firstCommit: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'playbill-git-'));
  origin = join(work, 'payments.git');
  execFileSync('mkdir', ['-p', origin]);
  git(origin, 'init', '--quiet');
  await writeFile(join(origin, 'catalog-info.yaml'), 'version: one\n');
  git(origin, 'add', '.');
  git(origin, 'commit', '--quiet', '-m', 'one');
  firstCommit = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '--quiet', '-b', 'release');
  await writeFile(join(origin, 'catalog-info.yaml'), 'version: release\n');
  git(origin, 'commit', '--quiet', '-am', 'release');
  git(origin, 'checkout', '--quiet', 'main');
  await writeFile(join(origin, 'catalog-info.yaml'), 'version: two\n');
  git(origin, 'commit', '--quiet', '-am', 'two');
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('git source', () => {
  it('names a repo after the last segment of its URL', () => {
    expect(repoNameFromUrl('https://example.com/org/payments.git')).toBe('payments');
    expect(repoNameFromUrl('/srv/repos/web-store/')).toBe('web-store');
  });

  it('clones the default branch shallowly into the cache', async () => {
    const repo = await checkoutGitRepo({ url: origin, cacheDir: join(work, 'cache-a') });
    expect(repo.name).toBe('payments');
    expect(await readFile(join(repo.dir, 'catalog-info.yaml'), 'utf8')).toBe('version: two\n');
    expect(git(repo.dir, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('keeps the repo URL, and any token in it, out of the clone\'s .git/config', async () => {
    const repo = await checkoutGitRepo({ url: origin, cacheDir: join(work, 'cache-c') });
    expect(await readFile(join(repo.dir, '.git', 'config'), 'utf8')).not.toContain(origin);
  });

  it('checks out a branch or a commit, and updates an existing clone', async () => {
    const cacheDir = join(work, 'cache-b');
    const release = await checkoutGitRepo({ url: origin, ref: 'release', cacheDir });
    expect(await readFile(join(release.dir, 'catalog-info.yaml'), 'utf8')).toBe('version: release\n');
    const pinned = await checkoutGitRepo({ url: origin, ref: firstCommit, cacheDir });
    expect(pinned.dir).toBe(release.dir);
    expect(await readFile(join(pinned.dir, 'catalog-info.yaml'), 'utf8')).toBe('version: one\n');
  });

  it('turns an unreachable repo into a problem and keeps the other sources', async () => {
    const result = await resolveSources(
      [
        { type: 'git', url: join(work, 'does-not-exist.git') },
        { type: 'git', url: origin, name: 'pay' },
      ],
      { root: work, cacheDir: 'cache-c' },
    );
    expect(result.repos.map((repo) => repo.name)).toEqual(['pay']);
    expect(result.problems).toMatchObject([{ code: 'source-failed', repo: 'does-not-exist', message: expect.stringContaining('could not fetch') }]);
  });

  it('refuses a URL or ref that git would read as an option or a command, runs nothing, and keeps the other sources', async () => {
    const dir = await mkdtemp(join(work, 'options-'));
    const ran = join(dir, 'upload-pack-ran');
    const written = join(dir, 'written-by-output');
    const extRan = join(dir, 'ext-ran');
    const sources = [
      { type: 'git', url: `--upload-pack=touch ${ran}` },
      { type: 'git', url: origin, ref: `--output=${written}`, name: 'by-ref' },
      { type: 'git', url: `ext::sh -c touch% ${extRan}`, name: 'by-ext' },
      { type: 'git', url: origin, name: 'pay' },
    ] as SourceConfig[];

    const result = await resolveSources(sources, { root: dir, cacheDir: 'cache' });

    expect(result.repos.map((repo) => repo.name)).toEqual(['pay']);
    expect(result.problems).toHaveLength(3);
    expect(result.problems).toMatchObject([
      { code: 'source-failed', severity: 'error', message: expect.stringMatching(/url .* is refused: a git URL cannot begin with "-"/) },
      { code: 'source-failed', repo: 'by-ref', message: expect.stringMatching(/ref "--output=.*" is refused: a ref cannot begin with "-"/) },
      { code: 'source-failed', repo: 'by-ext', message: expect.stringMatching(/is refused: transport helpers such as "ext::" are not allowed/) },
    ]);
    for (const file of [ran, written, extRan]) await expect(stat(file), file).rejects.toThrow();
  });

  it('runs nothing from the config and hooks of a local repository it fetches from, or from the files it checks out', async () => {
    const dir = await mkdtemp(join(work, 'hostile-origin-'));
    const canary = await makeCanary(dir);
    const hostile = join(dir, 'hostile');
    fixtureGit(dir, 'init', '--quiet', hostile);
    await writeFile(join(hostile, '.gitattributes'), '* filter=lfs diff=lfs merge=lfs\n');
    await writeFile(join(hostile, '.gitmodules'), `[submodule "x"]\n\tpath = x\n\turl = ext::sh -c touch% ${join(dir, 'submodule-ran')}\n`);
    await writeFile(join(hostile, 'catalog-info.yaml'), 'kind: Component\n');
    fixtureGit(hostile, 'add', '.');
    fixtureGit(hostile, 'commit', '--quiet', '-m', 'one');
    await writeCanaryHooks(join(hostile, '.git', 'hooks'), canary.script);
    writeRepoConfig(join(hostile, '.git', 'config'), [...hostileConfig(canary.script, join(hostile, '.git', 'hooks')), ['filter.lfs.smudge', canary.script], ['filter.lfs.process', canary.script]]);

    const repo = await checkoutGitRepo({ url: hostile, cacheDir: join(dir, 'cache') });

    expect(await readFile(join(repo.dir, 'catalog-info.yaml'), 'utf8')).toBe('kind: Component\n');
    expect(await canary.runs()).toEqual([]);
    await expect(stat(join(dir, 'submodule-ran'))).rejects.toThrow();
  });

  it('never shows the token of a git URL whose fetch fails: not in the problem, the repo name or the cache', async () => {
    const dir = await mkdtemp(join(work, 'token-'));
    const token = 's3cr3t-token';
    const failing = await startMockServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    });
    const refusing = await startMockServer((_request, response) => {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
    });
    const closed = await closedPort();
    try {
      const sources: SourceConfig[] = [
        { type: 'git', url: `http://user:${token}@127.0.0.1:${new URL(failing.url).port}/org/repo.git` },
        { type: 'git', url: `http://user:${token}@127.0.0.1:${new URL(refusing.url).port}/org/refused.git` },
        { type: 'git', url: `http://user:${token}@127.0.0.1:${closed}/org/closed.git` },
        { type: 'git', url: `https://${token}@127.0.0.1:${closed}` },
      ];

      const result = await resolveSources(sources, { root: dir, cacheDir: 'cache' });

      // The token was really used: the server that asked for it got it.
      expect(refusing.requests.some((request) => request.headers.authorization === `Basic ${Buffer.from(`user:${token}`).toString('base64')}`)).toBe(true);
      expect(result.repos).toEqual([]);
      expect(result.problems.map(({ repo, code }) => ({ repo, code }))).toEqual([
        { repo: 'repo', code: 'source-failed' },
        { repo: 'refused', code: 'source-failed' },
        { repo: 'closed', code: 'source-failed' },
        { repo: `127.0.0.1-${closed}`, code: 'source-failed' },
      ]);
      expect(result.problems[0]!.message).toContain(`could not fetch HEAD of http://127.0.0.1:${new URL(failing.url).port}/org/repo.git: `);
      expect(result.problems[0]!.message).toMatch(/500/);
      expect(result.problems[2]!.message).toMatch(/Could not connect|Connection refused|Failed to connect/i);
      const shown = JSON.stringify(result.problems);
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(encodeURIComponent(token));
      expect(shown).not.toContain('user:');
      for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
        expect(entry.name).not.toContain(token);
        if (entry.isFile()) expect((await readFile(join(entry.parentPath, entry.name), 'utf8')).includes(token), entry.name).toBe(false);
      }
    } finally {
      await failing.close();
      await refusing.close();
    }
  });

  it('clones over HTTP with a token in the URL and keeps the token out of the repo, the clone and its folder', async () => {
    const dir = await mkdtemp(join(work, 'http-'));
    const token = 's3cr3t-token';
    const served = join(dir, 'served');
    fixtureGit(dir, 'clone', '--quiet', '--bare', origin, join(served, 'org', 'payments.git'));
    const server = await startGitHttpServer(served, { user: 'user', password: token });
    try {
      const url = `http://user:${token}@127.0.0.1:${new URL(server.url).port}/org/payments.git`;

      const repo = await checkoutGitRepo({ url, ref: 'release', cacheDir: join(dir, 'cache') });

      expect(await readFile(join(repo.dir, 'catalog-info.yaml'), 'utf8')).toBe('version: release\n');
      expect(repo).toMatchObject({ name: 'payments', remoteUrl: `http://127.0.0.1:${new URL(server.url).port}/org/payments.git`, ref: 'release' });
      expect(JSON.stringify(repo)).not.toContain(token);
      for (const entry of await readdir(join(dir, 'cache'), { recursive: true, withFileTypes: true })) {
        expect(entry.name).not.toContain(token);
        if (entry.isFile()) expect((await readFile(join(entry.parentPath, entry.name))).includes(token), entry.name).toBe(false);
      }
    } finally {
      await server.close();
    }
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
