import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Repo } from './repo.ts';

const run = promisify(execFile);

export interface GitCheckoutOptions {
  url: string;
  ref?: string | undefined;
  name?: string | undefined;
  /** Clones live in `<cacheDir>/git/<name>-<hash of url>`. */
  cacheDir: string;
}

/** Repo name from a git URL or path: `https://host/org/payments.git` → `payments`. */
export function repoNameFromUrl(url: string): string {
  const last = basename(url.replace(/[/\\]+$/, '')).replace(/\.git$/, '');
  return last.replace(/[^A-Za-z0-9._-]/g, '-') || 'repo';
}

/**
 * Shallow-fetches one ref of a repo with the system git into the cache and checks it out.
 * `init` + `fetch --depth 1` works the same for branches, tags and commit ids, and reuses
 * the clone on the next build.
 */
export async function checkoutGitRepo(options: GitCheckoutOptions): Promise<Repo> {
  const name = options.name ?? repoNameFromUrl(options.url);
  const digest = createHash('sha256').update(options.url).digest('hex').slice(0, 10);
  const dir = resolve(options.cacheDir, 'git', `${name}-${digest}`);
  const ref = options.ref ?? 'HEAD';
  const exists = await stat(join(dir, '.git')).then(
    () => true,
    () => false,
  );
  try {
    if (!exists) {
      await mkdir(dir, { recursive: true });
      await git(dir, ['init', '--quiet']);
    }
    // Fetched from the URL itself, not through a remote: a remote would write the URL, and any token
    // in it, into .git/config (and git keeps FETCH_HEAD's URL free of credentials).
    await git(dir, ['fetch', '--quiet', '--depth', '1', '--no-tags', options.url, ref]);
    await git(dir, ['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD']);
  } catch (error) {
    if (!exists) await rm(dir, { recursive: true, force: true });
    throw new Error(`could not fetch ${ref} of ${options.url}: ${gitErrorText(error)}`);
  }
  return {
    name,
    dir: await realpath(dir),
    remoteUrl: options.url,
    ...(options.ref ? { ref: options.ref } : {}),
  };
}

function git(cwd: string, args: string[]) {
  // Never prompt for credentials in CI, and never run hooks or filters from untrusted repos.
  return run('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'protocol.file.allow=always', ...args], {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_LFS_SKIP_SMUDGE: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

function gitErrorText(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  const text = stderr || (error instanceof Error ? error.message : String(error));
  // Credentials embedded in a URL must never reach logs or problems.json.
  return text.replace(/\/\/[^/@\s]+@/g, '//***@').split('\n').slice(-3).join(' ');
}
