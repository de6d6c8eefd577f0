import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeTree, type FileTree } from './temp-repos.ts';

/**
 * Git fixtures for repos that try to make Playbill's git run a program: real repositories made with
 * the system git, a canary script that records each run, and the config a hostile team would write.
 */

/** A clean environment for the fixtures' own git calls: the machine's config plays no part. */
const fixtureEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'))),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Team',
  GIT_AUTHOR_EMAIL: 'team@example.com',
  GIT_COMMITTER_NAME: 'Team',
  GIT_COMMITTER_EMAIL: 'team@example.com',
  GIT_AUTHOR_DATE: '1700000000 +0000',
  GIT_COMMITTER_DATE: '1700000000 +0000',
};

/** Runs the fixture's git in `cwd` (never Playbill's runner). */
export function fixtureGit(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'core.hooksPath=/dev/null', ...args], { cwd, env: fixtureEnv, encoding: 'utf8' }).trim();
}

export interface Canary {
  /** An executable that appends its arguments to `log` and fails. */
  script: string;
  log: string;
  /** Every run of the script, one line each (empty when it never ran). */
  runs(): Promise<string[]>;
}

export async function makeCanary(dir: string): Promise<Canary> {
  const script = join(dir, 'canary.sh');
  const log = join(dir, 'canary.log');
  await writeFile(script, `#!/bin/sh\necho "$0 $*" >> '${log}'\nexit 1\n`);
  await chmod(script, 0o755);
  return {
    script,
    log,
    runs: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean),
  };
}

/** Every hook git runs for fetch, checkout, commit, gc and friends. */
const hookNames = ['pre-commit', 'post-checkout', 'post-merge', 'reference-transaction', 'pre-auto-gc', 'post-rewrite', 'fsmonitor-watchman', 'pre-push', 'post-index-change'];

/**
 * The config a hostile team commits: every setting with which git 2.39 runs a program, each naming
 * the canary. `hooks` is a folder of canary hooks for core.hooksPath.
 */
export function hostileConfig(canary: string, hooks: string): Array<[string, string]> {
  return [
    ['log.showSignature', 'true'],
    ['gpg.program', canary],
    ['gpg.openpgp.program', canary],
    ['gpg.ssh.program', canary],
    ['gpg.x509.program', canary],
    ['core.fsmonitor', canary],
    ['core.pager', canary],
    ['pager.log', canary],
    ['core.editor', canary],
    ['sequence.editor', canary],
    ['core.askPass', canary],
    ['core.sshCommand', canary],
    ['core.gitProxy', canary],
    ['core.alternateRefsCommand', canary],
    ['core.hooksPath', hooks],
    ['credential.helper', `!${canary}`],
    ['diff.external', canary],
    ['diff.evil.textconv', canary],
    ['diff.evil.command', canary],
    ['filter.evil.smudge', canary],
    ['filter.evil.clean', canary],
    ['filter.evil.process', canary],
    ['filter.evil.required', 'true'],
    ['merge.evil.driver', canary],
    ['uploadpack.packObjectsHook', canary],
    ['protocol.allow', 'always'],
    ['protocol.ext.allow', 'always'],
    ['submodule.recurse', 'true'],
    ['gc.auto', '1'],
  ];
}

/** Writes the canary as every hook into `dir` (a repo's hooks folder, or the folder core.hooksPath names). */
export async function writeCanaryHooks(dir: string, canary: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of hookNames) {
    await writeFile(join(dir, name), `#!/bin/sh\nexec '${canary}' hook ${name} "$@"\n`);
    await chmod(join(dir, name), 0o755);
  }
}

/** Sets each key in the repository's own config (`git config --file`, so the fixture's git is unaffected). */
export function writeRepoConfig(configFile: string, entries: Array<[string, string]>): void {
  for (const [key, value] of entries) execFileSync('git', ['config', '--file', configFile, key, value], { env: fixtureEnv });
}

/**
 * Commits the index as a commit carrying a PGP signature, so that anything verifying signatures
 * (log.showSignature) hands it to gpg.program. The signature itself is junk: only the call matters.
 */
export function commitSigned(workTree: string, message: string): string {
  const tree = fixtureGit(workTree, 'write-tree');
  let parent = '';
  try {
    parent = fixtureGit(workTree, 'rev-parse', '--verify', '--quiet', 'HEAD');
  } catch {
    // the first commit
  }
  const commit = [
    `tree ${tree}`,
    ...(parent ? [`parent ${parent}`] : []),
    'author Team <team@example.com> 1700000000 +0000',
    'committer Team <team@example.com> 1700000000 +0000',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEEjunk',
    ' -----END PGP SIGNATURE-----',
    '',
    message,
    '',
  ].join('\n');
  const id = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: workTree, env: fixtureEnv, input: commit, encoding: 'utf8' }).trim();
  fixtureGit(workTree, 'update-ref', 'HEAD', id);
  return id;
}

/**
 * A team's clone at `dir` holding `files` (with `.gitattributes` naming hostile drivers), whose last
 * commit is signed and whose `.git/config` and hooks all name the canary.
 */
export async function makeCloneWithHostileConfig(dir: string, files: FileTree, canary: Canary): Promise<void> {
  await mkdir(dir, { recursive: true });
  fixtureGit(dir, 'init', '--quiet');
  await writeTree(dir, { ...files, '.gitattributes': '* diff=evil filter=evil merge=evil\n' });
  fixtureGit(dir, 'add', '.');
  fixtureGit(dir, 'commit', '--quiet', '-m', 'files');
  await writeTree(dir, { 'docs/more.md': '# More\n' });
  fixtureGit(dir, 'add', '.');
  commitSigned(dir, 'signed');
  const hooks = join(dir, '.git', 'hooks');
  await writeCanaryHooks(hooks, canary.script);
  writeRepoConfig(join(dir, '.git', 'config'), hostileConfig(canary.script, hooks));
}

/**
 * A team folder at `dir` that is itself a bare repository (HEAD, config, objects/) with a signed
 * commit, its config and hooks naming the canary, with the team's `files` next to them.
 */
export async function makeBareRepositoryFolder(dir: string, files: FileTree, canary: Canary): Promise<void> {
  const source = `${dir}-source`;
  await mkdir(source, { recursive: true });
  fixtureGit(source, 'init', '--quiet');
  await writeTree(source, files);
  fixtureGit(source, 'add', '.');
  commitSigned(source, 'signed');
  fixtureGit(dirname(source), 'clone', '--quiet', '--bare', source, dir);
  await rm(source, { recursive: true, force: true });
  await writeCanaryHooks(join(dir, 'hooks'), canary.script);
  writeRepoConfig(join(dir, 'config'), hostileConfig(canary.script, join(dir, 'hooks')));
  await writeTree(dir, files);
}
