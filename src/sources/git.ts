import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { allowedGitProtocols } from './git-url.ts';

const execFileAsync = promisify(execFile);

/**
 * Settings that outrank the repository's own `config` (and anything it includes): git reads
 * command-line scope last, so these win over repo-local values. Each is a way git 2.39 runs a
 * program named in config, or reaches a transport that does; repos are untrusted, and a
 * directory source's `.git/config` (or a bare repository committed as a folder) is the team's.
 * `core.gitProxy` is the exception (its first value wins), so it is disabled from the environment.
 * `uploadpack.packObjectsHook` is read from system and global config only, both switched off.
 */
export const gitConfigOverrides: ReadonlyArray<readonly [key: string, value: string]> = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.editor', ':'], // ":" is git's own "no editor"
  ['sequence.editor', ':'],
  ['core.askPass', ''], // an empty value also stops git falling back to SSH_ASKPASS
  ['core.sshCommand', 'ssh'], // GIT_SSH_COMMAND from the environment still wins
  ['core.alternateRefsCommand', 'true'], // the `true` program: lists no refs
  ['credential.helper', ''], // an empty value clears the list of helpers
  ['log.showSignature', 'false'],
  ['gpg.program', 'false'],
  ['gpg.openpgp.program', 'false'],
  ['gpg.x509.program', 'false'],
  ['gpg.ssh.program', 'false'],
  ['gpg.ssh.defaultKeyCommand', 'false'],
  ['diff.external', ''],
  ['submodule.recurse', 'false'],
  ['fetch.recurseSubmodules', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['safe.bareRepository', 'explicit'],
  ['protocol.allow', 'never'],
  ...allowedGitProtocols.map((protocol) => [`protocol.${protocol}.allow`, 'always'] as const),
  ['protocol.ext.allow', 'never'],
];

/** Commands that show commits: signatures are not verified and no diff driver or textconv runs. */
const historyCommands = new Set(['log', 'show']);
const historyFlags = ['--no-show-signature', '--no-ext-diff', '--no-textconv'];

/** The operator's transport settings (ssh command, TLS, proxies) pass through; other GIT_* variables do not. */
const passedGitVariable = /^GIT_(SSH_COMMAND|SSH_VARIANT|SSL_[A-Z_]+|HTTP_[A-Z_]+|PROXY_[A-Z_]+|CURL_VERBOSE)$/;

export interface GitInvocation {
  /** The repository, always explicit: git never discovers one, so a folder of the content is never taken for it. */
  gitDir: string;
  workTree: string;
  /** A subcommand and its arguments; anything from configuration goes after `--end-of-options`. */
  args: readonly string[];
  /** Where git runs (a folder of the work tree, for `--relative`). Default: the work tree. */
  cwd?: string;
  maxBuffer?: number;
}

/** git exited with an error. The message never holds the command line; `stderr` may hold a URL, so callers scrub it. */
export class GitError extends Error {
  readonly subcommand: string;
  readonly stderr: string;
  readonly exitCode: number | string | undefined;

  constructor(subcommand: string, stderr: string, exitCode: number | string | undefined) {
    super(`git ${subcommand} failed${exitCode === undefined ? '' : ` (${exitCode})`}`);
    this.name = 'GitError';
    this.subcommand = subcommand;
    this.stderr = stderr;
    this.exitCode = exitCode;
  }
}

/** The one way Playbill runs git: on an explicit repository, without system or global config, and with {@link gitConfigOverrides}. */
export async function runGit(invocation: GitInvocation): Promise<string> {
  const [subcommand = '', ...rest] = invocation.args;
  const args = [
    '--no-pager',
    `--git-dir=${resolve(invocation.gitDir)}`,
    `--work-tree=${resolve(invocation.workTree)}`,
    subcommand,
    ...(historyCommands.has(subcommand) ? historyFlags : []),
    ...rest,
  ];
  try {
    const { stdout } = await execFileAsync('git', args, {
      cwd: invocation.cwd ?? invocation.workTree,
      env: gitEnvironment(invocation.workTree),
      maxBuffer: invocation.maxBuffer ?? 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stderr?: string; code?: number | string };
    throw new GitError(subcommand, failed.stderr ?? '', failed.code);
  }
}

/** The process environment git gets: the overrides as GIT_CONFIG_* variables, and nothing that picks another repository or config. */
export function gitEnvironment(workTree: string, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (!name.startsWith('GIT_') || passedGitVariable.test(name)) env[name] = value;
  }
  gitConfigOverrides.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return {
    ...env,
    GIT_CONFIG_COUNT: String(gitConfigOverrides.length),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CEILING_DIRECTORIES: dirname(resolve(workTree)),
    GIT_TERMINAL_PROMPT: '0',
    // An empty proxy command is "none", and the environment outranks every core.gitProxy.
    GIT_PROXY_COMMAND: parent.GIT_PROXY_COMMAND ?? '',
    GIT_LFS_SKIP_SMUDGE: '1',
    // git's own messages reach problems: the same words on every machine, whatever its locale.
    LC_ALL: 'C',
    LANGUAGE: '',
  };
}
