import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, projectRoot } from '../support/build-site.ts';

/**
 * The same input gives the same bytes from any checkout path, time zone and locale: the bundled example
 * organisation (its recorded sample responses included) is built from two copies of Playbill at different paths,
 * one in Chatham's time zone (UTC+12:45/+13:45, a date away from UTC for part of each day) in German, the other in
 * UTC with the C locale, and the two output trees are compared file by file.
 */
const run = promisify(execFile);

/** A commit time late in the UTC day: formatted in Chatham's local time it would be the next day. */
const commitDate = '2024-03-10T23:30:00Z';

const builds = {
  chatham: { checkout: 'playbill', locale: { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } },
  utc: { checkout: 'elsewhere/a-longer/checkout-path', locale: { TZ: 'UTC', LANG: 'C' } },
};

interface BuiltCopy {
  root: string;
  outDir: string;
  cacheDir: string;
}

let scratch: string;
const built: Record<keyof typeof builds, BuiltCopy> = {} as never;

beforeAll(async () => {
  scratch = await realpath(await mkdtemp(join(tmpdir(), 'playbill-determinism-')));
  for (const [name, build] of Object.entries(builds) as [keyof typeof builds, (typeof builds)[keyof typeof builds]][]) {
    const root = join(scratch, name, build.checkout);
    await copyCheckout(root);
    built[name] = { root, outDir: join(scratch, name, 'out'), cacheDir: join(scratch, name, 'cache') };
  }
  // One after the other: two Astro builds at once would only compete for the same two cores.
  for (const [name, build] of Object.entries(builds) as [keyof typeof builds, (typeof builds)[keyof typeof builds]][]) {
    await buildExample(built[name], build.locale);
  }
}, 600_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('building the example organisation from two checkouts, time zones and locales', () => {
  it('writes the same files with the same bytes', async () => {
    const chatham = await listFiles(built.chatham.outDir);
    const utc = await listFiles(built.utc.outDir);
    expect(chatham.length).toBeGreaterThan(100);
    expect(chatham).toEqual(utc);
    const differing: { file: string; window: string }[] = [];
    for (const file of chatham) {
      const [a, b] = await Promise.all([readFile(join(built.chatham.outDir, file)), readFile(join(built.utc.outDir, file))]);
      if (!a.equals(b)) differing.push({ file, window: differenceWindow(a, b) });
    }
    if (differing.length > 0) expect.fail(`${differing.length} of ${chatham.length} files differ between the builds; the first, ${differing[0]!.file}:\n${differing[0]!.window}`);
  });

  it('puts no path of the machine that built it into any file', async () => {
    for (const copy of Object.values(built)) {
      const paths = [copy.root, copy.outDir, copy.cacheDir, scratch];
      const leaks: string[] = [];
      for (const file of await listFiles(copy.outDir)) {
        const text = (await readFile(join(copy.outDir, file))).toString('latin1');
        for (const path of paths) if (text.includes(path)) leaks.push(`${file} contains ${path}`);
      }
      expect(leaks).toEqual([]);
    }
  });

  it('shows git times and plugin "as of" times in UTC, as fixed inputs', async () => {
    const page = await readFile(join(built.chatham.outDir, 'docs/default/component/ticketing-service/index.html'), 'utf8');
    expect(page).toContain('Last updated <time datetime="2024-03-10T23:30:00.000Z">2024-03-10</time>');
    const entity = await readFile(join(built.chatham.outDir, 'catalog/default/component/ticketing-service/index.html'), 'utf8');
    expect(entity).toMatch(/as of <time datetime="[^"]+Z">\d\d:\d\d UTC, /);
  });
});

/**
 * A copy of this checkout as it is on disk (tracked files and new ones not yet added, as `git ls-files` lists them)
 * in a git repository of its own with one commit at `commitDate`, so "last updated" times are a fixed input.
 * node_modules is linked file by file (`cp -al`), not symlinked: `node_modules/playbill` is a link to `..`, which
 * through a symlinked node_modules would lead back to this checkout. Vite's cache is left out, since Vite rewrites
 * those files in place and would write through the hard links into this checkout's.
 */
async function copyCheckout(root: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await copyFile(join(projectRoot, file), join(root, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree, not yet in the index
    });
  }
  await run('cp', ['-al', join(projectRoot, 'node_modules'), join(root, 'node_modules')]);
  await rm(join(root, 'node_modules', '.vite'), { recursive: true, force: true });
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=Playbill test', '-c', 'user.email=test@playbill.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate },
    });
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'The checkout under test');
}

async function buildExample(copy: BuiltCopy, locale: Record<string, string>): Promise<void> {
  const env = cleanEnvironment();
  for (const key of Object.keys(env)) if (key === 'TZ' || key === 'LANG' || key === 'LANGUAGE' || key.startsWith('LC_')) delete env[key];
  try {
    await run(process.execPath, ['scripts/playbill.ts', 'build', '--out', copy.outDir], {
      cwd: copy.root,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...env, ...locale, PLAYBILL_CACHE_DIR: copy.cacheDir },
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`The build in ${copy.root} failed:\n${failed.stderr ?? ''}\n${(failed.stdout ?? '').slice(-4000)}`);
  }
}

/** Every file under `dir`, relative, with forward slashes, in code-point order. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The first differing byte of two files and 120 bytes around it in each, so a failure says what changed. */
function differenceWindow(a: Buffer, b: Buffer): string {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const window = (bytes: Buffer) => JSON.stringify(bytes.subarray(Math.max(0, at - 120), at + 120).toString('utf8'));
  return `first difference at byte ${at} of ${a.length} / ${b.length}\n  chatham: ${window(a)}\n  utc:     ${window(b)}`;
}
