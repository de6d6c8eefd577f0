import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlaybillOptions } from '../../src/config/options.ts';
import { lastCommitTimes, parseCommitTimes } from '../../src/docs/git-history.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { fixtureGit, makeBareRepositoryFolder, makeCanary, makeCloneWithHostileConfig, type Canary } from '../support/hostile-git.ts';
import { writeTree, yaml } from '../support/temp-repos.ts';

/**
 * "Last updated" runs git over repos Playbill does not trust. A team controls its folder: its
 * `.git/config` when the folder is a clone, or the whole repository when it commits a bare one.
 */
const component = (name: string) => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ${name}
    annotations: { backstage.io/techdocs-ref: "dir:." }
  spec: { type: service, lifecycle: production, owner: user:ada }
`;
const docsFiles = (name: string) => ({ 'catalog-info.yaml': component(name), 'docs/index.md': `# ${name}\n\nHow ${name} works.\n` });

let work: string;
let canary: Canary;
beforeEach(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'playbill-git-history-')));
  canary = await makeCanary(work);
});
afterEach(() => rm(work, { recursive: true, force: true }));

const cloneWithHostileConfig = (dir: string, name: string) => makeCloneWithHostileConfig(dir, docsFiles(name), canary);
const bareRepositoryFolder = (dir: string, name: string) => makeBareRepositoryFolder(dir, docsFiles(name), canary);

describe('last-updated dates from git', () => {
  it("never runs a program named in a repo's own .git/config, and still dates its files", async () => {
    const repo = join(work, 'org', 'payments');
    await cloneWithHostileConfig(repo, 'payments');

    const times = await lastCommitTimes(repo);

    expect(await canary.runs()).toEqual([]);
    expect(Object.fromEntries(times)).toEqual({ 'docs/more.md': 1700000000, '.gitattributes': 1700000000, 'catalog-info.yaml': 1700000000, 'docs/index.md': 1700000000 });
  });

  it('never takes a team folder that is a bare repository for a git repository', async () => {
    const folder = join(work, 'org', 'billing');
    await bareRepositoryFolder(folder, 'billing');

    const times = await lastCommitTimes(folder);

    expect(await canary.runs()).toEqual([]);
    expect(times.size).toBe(0);
  });

  it('does not follow a .git file or a .git symlink to another repository', async () => {
    await bareRepositoryFolder(join(work, 'elsewhere.git'), 'elsewhere');
    const byFile = join(work, 'org', 'by-file');
    const byLink = join(work, 'org', 'by-link');
    await writeTree(byFile, { ...docsFiles('by-file'), '.git': `gitdir: ${join(work, 'elsewhere.git')}\n` });
    await writeTree(byLink, docsFiles('by-link'));
    await symlink(join(work, 'elsewhere.git'), join(byLink, '.git'));

    expect((await lastCommitTimes(byFile)).size).toBe(0);
    expect((await lastCommitTimes(byLink)).size).toBe(0);
    expect(await canary.runs()).toEqual([]);
  });

  it('dates a team folder of a monorepo from the checkout that holds the directory source', async () => {
    const monorepo = join(work, 'monorepo');
    await mkdir(monorepo);
    fixtureGit(monorepo, 'init', '--quiet');
    await writeTree(join(monorepo, 'teams', 'search'), docsFiles('search'));
    await writeTree(join(monorepo, 'teams', 'other'), docsFiles('other'));
    fixtureGit(monorepo, 'add', '.');
    fixtureGit(monorepo, 'commit', '--quiet', '-m', 'teams');

    const times = await lastCommitTimes(join(monorepo, 'teams', 'search'));

    expect(Object.fromEntries(times)).toEqual({ 'catalog-info.yaml': 1700000000, 'docs/index.md': 1700000000 });
  });

  it('builds the docs of hostile repos in a full pipeline run without running anything from them', async () => {
    const org = join(work, 'org');
    await cloneWithHostileConfig(join(org, 'payments'), 'payments');
    await bareRepositoryFolder(join(org, 'billing'), 'billing');
    await writeTree(join(org, 'plain'), docsFiles('plain'));

    const { site } = await runPipeline(parsePlaybillOptions({ sources: [{ type: 'directory', path: org }], cacheDir: join(work, 'cache') }), { root: work });

    expect(await canary.runs()).toEqual([]);
    expect(site.docPages.map((page) => page.path).sort()).toEqual([
      'docs/default/component/billing/',
      'docs/default/component/payments/',
      'docs/default/component/payments/more/',
      'docs/default/component/plain/',
    ]);
    expect(site.docPages.find((page) => page.path === 'docs/default/component/payments/')?.lastUpdated).toBe(1700000000);
    expect(site.docPages.find((page) => page.path === 'docs/default/component/billing/')?.lastUpdated).toBeUndefined();
    expect(site.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('dates files whose names git would quote: non-ASCII, a tab, a newline, a leading "t:"', async () => {
    const repo = join(work, 'names');
    const names = ['über.md', 'a\tb.md', 'line\nbreak.md', 't:1.md', 'plain.md'];
    await mkdir(repo, { recursive: true });
    fixtureGit(repo, 'init', '--quiet');
    await writeTree(repo, Object.fromEntries(names.map((name) => [name, `# ${name}\n`])));
    fixtureGit(repo, 'add', '--all');
    fixtureGit(repo, 'commit', '--quiet', '--message', 'docs', '--date', '@1700000000');

    const times = await lastCommitTimes(repo);

    expect([...times.keys()].sort()).toEqual([...names].sort());
    for (const name of names) expect(times.get(name), name).toBeGreaterThan(0);
  });
});

describe('reading git log -z output', () => {
  it('keeps the newest time of each path, and tells a commit header from a file named like one', () => {
    const output = '\0\0t:200\0\nnew.md\0t:5\0\0\0t:100\0\nnew.md\0old.md\0';
    expect(parseCommitTimes(output)).toEqual(
      new Map([
        ['new.md', 200],
        ['t:5', 200],
        ['old.md', 100],
      ]),
    );
  });
});
