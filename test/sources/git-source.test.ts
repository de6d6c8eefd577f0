import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/sources/index.ts';
import { checkoutGitRepo, repoNameFromUrl } from '../../src/sources/git-source.ts';

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
});
