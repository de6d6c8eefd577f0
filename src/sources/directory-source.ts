import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Repo } from './repo.ts';

/** Each immediate, non-hidden subfolder of `dir` is one repo, in name order. */
export async function listDirectoryRepos(dir: string): Promise<Repo[]> {
  const root = await realpath(dir);
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, dir: join(root, name) }));
}
