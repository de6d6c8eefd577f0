import { createHash } from 'node:crypto';
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GitError, runGit } from './git.ts';
import { displayGitUrl, gitRefSchema, gitUrlCredentials, gitUrlSchema, repoNameFromUrl } from './git-url.ts';
import type { Repo } from './repo.ts';

export { repoNameFromUrl } from './git-url.ts';

export interface GitCheckoutOptions {
  url: string;
  ref?: string | undefined;
  name?: string | undefined;
  /** Clones live in `<cacheDir>/git/<name>-<hash of the URL without credentials>`. */
  cacheDir: string;
}

/**
 * Shallow-fetches one ref of a repo with the system git into the cache and checks it out.
 * `init` + `fetch --depth 1` works the same for branches, tags and commit ids, and reuses
 * the clone on the next build. The URL's credentials never leave this function: the repo,
 * its folder and every message carry the URL without them.
 */
export async function checkoutGitRepo(options: GitCheckoutOptions): Promise<Repo> {
  // The options schema checks these too; checked again here because they become git arguments.
  const url = gitUrlSchema.safeParse(options.url);
  if (!url.success) throw new Error(`url ${JSON.stringify(displayGitUrl(options.url))} is refused: ${url.error.issues[0]!.message}`);
  const ref = options.ref ?? 'HEAD';
  const refCheck = gitRefSchema.safeParse(ref);
  if (!refCheck.success) throw new Error(`ref ${JSON.stringify(ref)} is refused: ${refCheck.error.issues[0]!.message}`);

  const shownUrl = displayGitUrl(options.url);
  const name = options.name ?? repoNameFromUrl(options.url);
  const digest = createHash('sha256').update(shownUrl).digest('hex').slice(0, 10);
  const dir = resolve(options.cacheDir, 'git', `${name}-${digest}`);
  const clone = { gitDir: join(dir, '.git'), workTree: dir };
  const exists = await stat(clone.gitDir).then(
    () => true,
    () => false,
  );
  try {
    if (!exists) {
      await mkdir(dir, { recursive: true });
      await runGit({ ...clone, args: ['init', '--quiet'] });
    }
    // Fetched from the URL itself, not through a remote: a remote would write the URL, and any token
    // in it, into .git/config (and git keeps FETCH_HEAD's URL free of credentials).
    await runGit({ ...clone, args: ['fetch', '--quiet', '--depth', '1', '--no-tags', '--no-recurse-submodules', '--end-of-options', options.url, ref] });
    await runGit({ ...clone, args: ['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD'] });
  } catch (error) {
    if (!exists) await rm(dir, { recursive: true, force: true });
    throw new Error(`could not fetch ${ref} of ${shownUrl}: ${gitErrorText(error, options.url)}`);
  }
  return {
    name,
    dir: await realpath(dir),
    remoteUrl: shownUrl,
    ...(options.ref ? { ref: options.ref } : {}),
  };
}

/** The last lines git printed, without the URL's credentials in any form. */
function gitErrorText(error: unknown, url: string): string {
  const stderr = error instanceof GitError ? error.stderr.trim() : '';
  let text = stderr || (error instanceof Error ? error.message : String(error));
  for (const secret of gitUrlCredentials(url)) text = text.split(secret).join('***');
  return text.replace(/\/\/[^/@\s]+@/g, '//').split('\n').slice(-3).join(' ');
}
