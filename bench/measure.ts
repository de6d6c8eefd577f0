/**
 * Runs one build command as a child process and measures it:
 *  - wall time (performance.now() around the child, in this process)
 *  - peak RSS of the largest single process in the child's tree, from the kernel's
 *    rusage via GNU `/usr/bin/time -f` (ru_maxrss covers reaped descendants too)
 *  - user/system CPU seconds of the whole tree (same rusage)
 *  - peak *summed* RSS of the whole process tree, sampled from /proc every 200 ms
 *    (catches builds that fan out into several worker processes)
 * If /usr/bin/time is missing, only the /proc sampling is used (rusage fields are null).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, createWriteStream, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Measurement {
  exitCode: number;
  wallMs: number;
  /** Largest single-process max RSS in the tree, KiB (GNU time %M). */
  maxRssKiB: number | null;
  /** Peak of the summed RSS of the process tree, KiB, sampled every 200 ms. */
  treeRssKiB: number | null;
  userS: number | null;
  sysS: number | null;
  logFile: string;
}

const GNU_TIME = '/usr/bin/time';

/** Builds running right now (their process-group ids), so an interrupted bench can stop them. */
const active = new Set<number>();

/** Sends `signal` to every running build's whole process group (the build and its workers). */
export function stopActiveBuilds(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const pgid of active) {
    try {
      process.kill(-pgid, signal);
    } catch {
      // already gone
    }
  }
}

function hasGnuTime(): boolean {
  try {
    accessSync(GNU_TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function rssOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // exited while we were looking
  }
}

/** Direct children of `pid` via /proc/<pid>/task/<tid>/children (null if unsupported). */
function childrenOf(pid: number): number[] | null {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tids) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) {
        if (c) out.push(Number(c));
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && tid === tids[0]) return null;
    }
  }
  return out;
}

/** Sum of VmRSS (KiB) over `root` and all its descendants, from /proc (null: not on Linux). */
function treeRss(root: number): number | null {
  const seen = new Set<number>();
  const stack = [root];
  let total = 0;
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += rssOf(pid);
    const kids = childrenOf(pid);
    if (kids === null) return null;
    stack.push(...kids);
  }
  return total;
}

export async function measure(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<Measurement> {
  const gnu = hasGnuTime();
  const timeFile = `${opts.logFile}.rusage`;
  rmSync(timeFile, { force: true });
  const [file, argv] = gnu
    ? [GNU_TIME, ['-o', timeFile, '-f', '%M %U %S', cmd, ...args]]
    : [cmd, args];
  const log = createWriteStream(opts.logFile);
  log.write(`$ ${cmd} ${args.join(' ')}\n`);
  const t0 = performance.now();
  // own process group, so stopActiveBuilds() reaches the build behind /usr/bin/time too
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (child.pid !== undefined) active.add(child.pid);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let peakTree: number | null = null;
  const sample = () => {
    if (child.pid === undefined) return;
    const r = treeRss(child.pid);
    if (r !== null) peakTree = Math.max(peakTree ?? 0, r);
  };
  const timer = setInterval(sample, 200);
  const exitCode: number = await new Promise((res) => child.on('close', (code, sig) => res(code ?? (sig ? 128 : 1))));
  const wallMs = performance.now() - t0;
  if (child.pid !== undefined) active.delete(child.pid);
  clearInterval(timer);
  await new Promise<void>((res) => log.end(res));

  let maxRssKiB: number | null = null;
  let userS: number | null = null;
  let sysS: number | null = null;
  if (gnu) {
    try {
      // GNU time may prefix "Command exited with non-zero status N"; the numbers are on the last line
      const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const [m, u, s] = last.split(/\s+/).map(Number);
      if (Number.isFinite(m)) maxRssKiB = m;
      if (Number.isFinite(u)) userS = u;
      if (Number.isFinite(s)) sysS = s;
    } catch {
      // leave nulls
    }
  }
  return { exitCode, wallMs, maxRssKiB, treeRssKiB: peakTree, userS, sysS, logFile: opts.logFile };
}

/** Number of `index.html` files under `dir` and their total size in bytes. */
export function countPages(dir: string): { pages: number; htmlBytes: number } {
  let pages = 0;
  let htmlBytes = 0;
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'index.html') {
        pages++;
        htmlBytes += readFileSync(p).byteLength;
      }
    }
  };
  walk(dir);
  return { pages, htmlBytes };
}
