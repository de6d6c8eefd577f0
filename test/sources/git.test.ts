import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitConfigOverrides, gitEnvironment, runGit } from '../../src/sources/git.ts';
import { commitSigned, fixtureGit, hostileConfig, makeCanary, writeCanaryHooks, writeRepoConfig, type Canary } from '../support/hostile-git.ts';

let work: string;
let canary: Canary;
let repo: { gitDir: string; workTree: string };

/**
 * A clone of a team's repo whose `.git/config` and hooks all name the canary. Filter drivers are
 * configured per name, so no override reaches them: Playbill checks out only its own cache clones.
 */
beforeEach(async () => {
  work = await realpath(await mkdtemp(join(tmpdir(), 'playbill-run-git-')));
  canary = await makeCanary(work);
  const workTree = join(work, 'team');
  fixtureGit(work, 'init', '--quiet', workTree);
  await writeFile(join(workTree, '.gitattributes'), '* diff=evil\n');
  await writeFile(join(workTree, 'catalog-info.yaml'), 'kind: Component\n');
  fixtureGit(workTree, 'add', '.');
  fixtureGit(workTree, 'commit', '--quiet', '-m', 'one');
  await writeFile(join(workTree, 'catalog-info.yaml'), 'kind: System\n');
  fixtureGit(workTree, 'add', '.');
  commitSigned(workTree, 'two');
  repo = { gitDir: join(workTree, '.git'), workTree };
  await writeCanaryHooks(join(repo.gitDir, 'hooks'), canary.script);
  await writeCanaryHooks(join(work, 'hooks'), canary.script);
  writeRepoConfig(join(repo.gitDir, 'config'), hostileConfig(canary.script, join(work, 'hooks')));
});
afterEach(() => rm(work, { recursive: true, force: true }));

describe('runGit', () => {
  it("outranks every setting of the repository's own config that names a program", async () => {
    for (const [key, value] of gitConfigOverrides) {
      const values = (await runGit({ ...repo, args: ['config', '--get-all', key] }).catch(() => '')).split('\n').slice(0, -1);
      expect(values.at(-1), key).toBe(value);
    }
    // Keys checked above, by name, in case the list shrinks.
    const overridden = new Set(gitConfigOverrides.map(([key]) => key));
    for (const key of ['core.fsmonitor', 'core.hooksPath', 'core.pager', 'core.sshCommand', 'core.askPass', 'core.alternateRefsCommand', 'credential.helper', 'log.showSignature', 'gpg.program', 'diff.external', 'protocol.ext.allow', 'protocol.allow', 'submodule.recurse']) {
      expect(overridden.has(key), key).toBe(true);
    }
  });

  it('runs no signature check, textconv, external diff, fsmonitor, pager or hook of the repository', async () => {
    await runGit({ ...repo, args: ['log', '-p', '--format=%H %G?'] });
    await runGit({ ...repo, args: ['show', 'HEAD'] });
    await runGit({ ...repo, args: ['diff', 'HEAD~1', '--no-ext-diff', '--no-textconv'] });
    await runGit({ ...repo, args: ['status', '--porcelain'] });
    await runGit({ ...repo, args: ['checkout', '--quiet', '--detach', 'HEAD~1'] });
    await runGit({ ...repo, args: ['gc', '--auto'] });
    expect(await canary.runs()).toEqual([]);
  });

  it('reaches a git:// remote without the proxy command the repository names', async () => {
    const closed = await closedPort();
    await expect(runGit({ ...repo, args: ['fetch', '--quiet', '--end-of-options', `git://127.0.0.1:${closed}/org/repo.git`, 'HEAD'] })).rejects.toThrow(/git fetch failed/);
    expect(await canary.runs()).toEqual([]);
  });

  it('refuses the ext:: transport, also when the repository rewrites an https URL into one', async () => {
    const marker = join(work, 'ext-ran');
    writeRepoConfig(join(repo.gitDir, 'config'), [[`url.ext::sh -c touch% ${marker}% #.insteadOf`, 'https://example.invalid/']]);
    for (const url of [`ext::sh -c touch% ${marker}`, 'https://example.invalid/org/repo.git']) {
      const failure = await runGit({ ...repo, args: ['fetch', '--quiet', '--end-of-options', url, 'HEAD'] }).catch((error: unknown) => error);
      expect((failure as { stderr: string }).stderr).toContain("transport 'ext' not allowed");
    }
    await expect(realpath(marker)).rejects.toThrow();
  });

  it('never discovers a repository: the one named is the one used, whatever the environment says', async () => {
    const env = gitEnvironment(repo.workTree, {
      PATH: '/usr/bin',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_CONFIG_PARAMETERS: "'core.pager'='evil'",
      GIT_EXTERNAL_DIFF: 'evil',
      GIT_SSH_COMMAND: 'ssh -i /run/secrets/deploy-key',
      GIT_SSL_CAINFO: '/etc/ssl/ca.pem',
    });
    expect(env).toMatchObject({ PATH: '/usr/bin', GIT_SSH_COMMAND: 'ssh -i /run/secrets/deploy-key', GIT_SSL_CAINFO: '/etc/ssl/ca.pem', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', GIT_PROXY_COMMAND: '' });
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CONFIG_PARAMETERS', 'GIT_EXTERNAL_DIFF']) expect(env[name], name).toBeUndefined();
    expect(env.GIT_CEILING_DIRECTORIES).toBe(work);
  });

  it("speaks git's untranslated messages whatever the machine's locale, so problems read the same everywhere", () => {
    const env = gitEnvironment(repo.workTree, { PATH: '/usr/bin', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', LC_MESSAGES: 'de_DE.UTF-8', LANGUAGE: 'de' });
    expect(env).toMatchObject({ LC_ALL: 'C', LANGUAGE: '' });
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
