import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Repo } from './repo.ts';

/** Why a repo file could not be read; each maps to a problem code. */
export type RepoFileError =
  | { reason: 'escape'; message: string }
  | { reason: 'missing'; message: string }
  | { reason: 'too-large'; message: string }
  | { reason: 'unreadable'; message: string }
  /** The repo's byte budget (budgets.repoBytes) is spent. */
  | { reason: 'over-budget'; message: string };

/** A file as read: its text, and the sha256 (hex) of the bytes read, which the catalog records as the entity's provenance. */
export interface RepoFileText {
  path: string;
  text: string;
  sha256: string;
}

export type RepoFileResult = RepoFileText | { error: RepoFileError };

// The lexical check (a path that leaves the repo is refused before anything is read) is the vocabulary's, shared with plugins.
export { resolveRepoPath, resolveRepoUrlPath } from '../vocabulary/repo-path.ts';

/**
 * Reads a file of a repo, refusing anything that resolves outside the repo (including
 * through symlinks) and anything larger than `maxBytes`. Repo content is untrusted.
 */
export async function readRepoFile(repo: Repo, path: string, maxBytes: number): Promise<RepoFileResult> {
  const absolute = resolve(repo.dir, path);
  const root = await realRepoDir(repo);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    return { error: { reason: 'missing', message: `${path} does not exist in repo ${repo.name}` } };
  }
  const refusal = containmentRefusal(repo, path, relative(root, real));
  if (refusal) return { error: refusal };
  try {
    const info = await stat(real);
    if (!info.isFile()) return { error: { reason: 'unreadable', message: `${path} is not a file` } };
    if (info.size > maxBytes) {
      return {
        error: {
          reason: 'too-large',
          message: `${path} is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit for catalog files (maxFileBytes)`,
        },
      };
    }
    if (repo.budget?.wouldExceedBytes(info.size)) return { error: { reason: 'over-budget', message: repo.budget.readRefusal(path) } };
    repo.budget?.charge(info.size);
    return fileText(path, await readFile(real));
  } catch (error) {
    return { error: { reason: 'unreadable', message: `${path} could not be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` } };
  }
}

const realDirs = new Map<string, Promise<string>>();

/** The repo folder with symlinks resolved, so a repo reached through a symlink still contains its own files. */
export function realRepoDir(repo: Repo): Promise<string> {
  let real = realDirs.get(repo.dir);
  if (!real) {
    real = realpath(repo.dir).catch(() => repo.dir);
    realDirs.set(repo.dir, real);
  }
  return real;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** readRepoFile, synchronously: the docs renderer's include hook is synchronous by design. */
export function readRepoFileSync(repo: Repo, path: string, maxBytes: number): RepoFileText | { reason: string; message: string } {
  let real: string;
  let root: string;
  try {
    root = realpathSync(repo.dir);
    real = realpathSync(resolve(repo.dir, path));
  } catch {
    return { reason: 'missing', message: `${path} does not exist` };
  }
  const refusal = containmentRefusal(repo, path, relative(root, real));
  if (refusal) return refusal;
  const info = statSync(real);
  // A folder may be a candidate that did not match; a named pipe, socket or device is refused, never opened.
  if (info.isDirectory()) return { reason: 'missing', message: `${path} is a folder, not a file` };
  if (!info.isFile()) return { reason: 'unreadable', message: `${path} is not a regular file (a named pipe, socket or device) and is never opened` };
  if (info.size > maxBytes) return { reason: 'too-large', message: `${path} is larger than the ${maxBytes}-byte limit` };
  if (repo.budget?.wouldExceedBytes(info.size)) return { reason: 'over-budget', message: repo.budget.readRefusal(path) };
  repo.budget?.charge(info.size);
  return fileText(path, readFileSync(real));
}

/** The digest is of the bytes as read, so it is taken here, once, and never by reading the file again. */
function fileText(path: string, bytes: Buffer): RepoFileText {
  return { path, text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Why the file at `inside` (its real path, relative to the repo's real folder) may not be read, or null. */
function containmentRefusal(repo: Repo, path: string, inside: string): RepoFileError | null {
  const segments = inside.split(sep);
  if (inside.startsWith('..') || isAbsolute(inside) || segments.includes('..')) {
    return { reason: 'escape', message: `${path} resolves (through a symlink) to a file outside repo ${repo.name}` };
  }
  // Git's own folder holds remotes' URLs, credentials among them, and no content a portal shows.
  if (segments.some((segment) => segment.toLowerCase() === '.git')) {
    return { reason: 'escape', message: `${path} is inside the repo's .git folder, which can hold credentials and is never read` };
  }
  return null;
}
