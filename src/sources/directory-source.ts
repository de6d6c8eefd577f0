import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
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

/** One folder that is itself a repo (`check`), named after its folder; it must be a folder. */
export async function directoryRepo(dir: string): Promise<Repo> {
  const real = await realpath(dir);
  if (!(await stat(real)).isDirectory()) throw new Error(`${basename(dir)} is not a folder`);
  return { name: basename(dir), dir: real };
}
