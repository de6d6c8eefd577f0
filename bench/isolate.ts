/**
 * Snapshot a project into a temp dir so a benchmarked build can't collide with other builds
 * running in the same checkout (Astro writes `.astro/.prerender/`, Playbill `.playbill/`, Vite
 * `node_modules/.vite`, all relative to the project root).
 *
 * The copy gets the source files and a `node_modules/` *directory* whose entries are symlinks
 * to the real packages, so packages resolve exactly as in the checkout while per-project
 * caches (`node_modules/.astro`, `node_modules/.vite`) live in the copy and start cold.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files of the working tree (tracked + untracked, minus .gitignore'd), relative to `root`. */
export function workingTreeFiles(root: string, under = '.'): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', under], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.split('\0').filter(Boolean);
}

/**
 * The files of Playbill's own project a benchmarked build needs: everything but the tests, what
 * tests and benches share, the baseline projects and the example organisation (`--repos` replaces
 * it; the plugins' recordings under content/ are still read), keeping the bench's Playbill configs.
 */
export function playbillProjectFiles(files: string[]): string[] {
  return files.filter((f) => !/^(bench|test|support|content\/example-org)\//.test(f) || /^bench\/playbill-[a-z]+\.config\.mjs$/.test(f));
}

/** Link every package of `root/node_modules` into `dest/node_modules`, skipping tool caches. */
export function linkNodeModules(root: string, dest: string): void {
  const src = join(root, 'node_modules');
  const nm = join(dest, 'node_modules');
  mkdirSync(nm, { recursive: true });
  for (const name of readdirSync(src)) {
    if (name.startsWith('.') && name !== '.bin') continue; // .astro, .vite, .vite-temp, .vitest-cache, ...
    symlinkSync(join(src, name), join(nm, name));
  }
}

/**
 * Copy `files` (relative to `root`) into `dest`, re-rooted at `stripPrefix` when given,
 * and link node_modules. Returns `dest`.
 */
export function snapshotProject(root: string, dest: string, files: string[], stripPrefix = ''): string {
  for (const f of files) {
    const rel = stripPrefix && f.startsWith(stripPrefix) ? f.slice(stripPrefix.length) : f;
    const to = join(dest, rel);
    mkdirSync(dirname(to), { recursive: true });
    try {
      cpSync(join(root, f), to);
    } catch (e) {
      // a file listed by git may be deleted by a concurrent edit; skip it
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  linkNodeModules(root, dest);
  return dest;
}

/**
 * A fresh copy of a pristine snapshot for one build, at `dest`: the same path for every run of a
 * tool. Node's compile cache (which Astro's CLI and Playbill's enable) is keyed by a module's path,
 * so a new path per run would leave the tool's own modules cold in every build while the packages
 * behind the node_modules symlinks stay warm: it would charge Playbill, whose pipeline is project
 * code, for compiling it every time, and plain Astro, whose project is a config file, nothing.
 * Recreated each run, the copy still starts without Astro's or Vite's caches.
 */
export function freshProjectCopy(pristine: string, dest: string): string {
  rmSync(dest, { recursive: true, force: true });
  cpSync(pristine, dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}
