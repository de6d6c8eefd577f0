import { lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runGit } from '../sources/index.ts';

/**
 * When each file of a repo last changed, from ONE `git log` over the whole repo (not one call
 * per page): repo-relative path → commit time in seconds. Empty when the folder is not in git.
 */
export async function lastCommitTimes(repoDir: string): Promise<Map<string, number>> {
  const checkout = await enclosingCheckout(repoDir);
  if (!checkout) return new Map();
  let stdout: string;
  try {
    stdout = await runGit({
      ...checkout,
      cwd: repoDir,
      // -z: names exactly as stored (no quoting of non-ASCII, tabs or newlines); each commit
      // starts with two empty fields, which no file name can be.
      args: ['log', '-z', '--format=%x00%x00t:%ct', '--name-only', '--no-renames', '--relative', '--', '.'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return new Map();
  }
  return parseCommitTimes(stdout);
}

/** `git log -z --format=%x00%x00t:%ct --name-only` → path → its newest commit time (log order is newest first). */
export function parseCommitTimes(stdout: string): Map<string, number> {
  const times = new Map<string, number>();
  const fields = stdout.split('\0');
  let current = 0;
  let firstName = false;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    if (field === '' && fields[index + 1] === '' && fields[index + 2]?.startsWith('t:')) {
      current = Number(fields[index + 2]!.slice(2));
      index += 2;
      firstName = true;
      continue;
    }
    // git separates a commit's header from its first name with a newline.
    const name = firstName && field.startsWith('\n') ? field.slice(1) : field;
    firstName = false;
    if (name && !times.has(name)) times.set(name, current);
  }
  return times;
}

/**
 * The work-tree checkout a repo folder's history comes from: the nearest `.git` that is a real
 * folder, in the repo folder itself (its own clone) or above it (the monorepo checkout that holds
 * a directory source). A `.git` file or symlink can point anywhere, and a folder that is itself a
 * bare repository is the team's content, so neither is ever used. git cannot commit a `.git`
 * folder, so one above the repo folder belongs to whoever laid out the source, not to a team.
 */
async function enclosingCheckout(repoDir: string): Promise<{ gitDir: string; workTree: string } | undefined> {
  for (let dir = repoDir; ; dir = dirname(dir)) {
    const gitDir = join(dir, '.git');
    const found = await lstat(gitDir).catch(() => undefined);
    if (found) return found.isDirectory() ? { gitDir, workTree: dir } : undefined;
    if (dirname(dir) === dir) return undefined;
  }
}
