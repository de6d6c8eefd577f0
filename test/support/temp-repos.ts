import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import type { Repo } from '../../src/sources/repo.ts';

/** File tree: path → content, or `{ symlink: target }`. */
export type FileTree = Record<string, string | { symlink: string }>;

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes a folder of repos (`{ repoName: { path: content } }`) to a temp dir removed after the test. */
export async function makeRepos(repos: Record<string, FileTree>): Promise<{ root: string; repos: Repo[] }> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'playbill-test-')));
  created.push(root);
  const list: Repo[] = [];
  for (const [name, files] of Object.entries(repos)) {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    await writeTree(dir, files);
    list.push({ name, dir });
  }
  return { root, repos: list };
}

/** One repo in a temp folder. */
export async function makeRepo(files: FileTree, name = 'repo'): Promise<Repo> {
  return (await makeRepos({ [name]: files })).repos[0]!;
}

export async function writeTree(dir: string, files: FileTree): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof content === 'string') await writeFile(target, content);
    else await symlink(content.symlink, target);
  }
}

/** Removes the common indentation of a template literal, so YAML fixtures can be indented in tests. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, index) => out + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

export const defaultLoadOptions = { catalogFiles: [] as string[], customKinds: [] as string[], maxFileBytes: 1024 * 1024 };
