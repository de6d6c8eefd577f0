/**
 * Pieces shared by the benches (catalog.ts, docs.ts, search.ts, plugins.ts): statistics, the
 * measured code's git state, the builds' environment, the alternating run loop and the result table.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countPages, measure, type Measurement } from './measure.ts';

export const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const nodeBin = join(root, 'node_modules/.bin/node');
/** The astro config every bench builds Playbill with (relative to the project root): see the file. */
export const BENCH_CONFIG = 'bench/playbill-bench.config.mjs';
export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Temp dirs of the bench in progress, removed if it is interrupted (unless --keep). */
export const liveTempDirs = new Set<string>();

export const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x: number | null, d = 2): number | null => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

export interface RunResult extends Measurement {
  tool: string;
  run: number;
  /** index.html files under the counted subtree (the whole output, or `docs/` for the docs bench) */
  pages: number;
  /** their total size */
  htmlBytes: number;
  /** index.html files in the whole output */
  totalPages: number;
}

export interface ToolSummary {
  tool: string;
  ok: boolean;
  /** builds started / builds that succeeded */
  attempted: number;
  runs: number;
  medianWallMs: number | null;
  pages: number | null;
  totalPages: number | null;
  pagesPerSec: number | null;
  peakRssMiB: number | null;
  peakTreeRssMiB: number | null;
  medianCpuS: number | null;
  avgHtmlBytesPerPage: number | null;
}

/** The commit measured, and whether the measured code or the generators of its input (support/) had changed since. */
export function gitState(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'integrations', 'scripts', 'astro.config.mjs', 'bench', 'support'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

export function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** Environment of every build: the project's Node 24 first on PATH, no telemetry, no colour. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // make sure anything the builds spawn as `node` is the project's Node 24
    PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
  };
  delete env.NODE_OPTIONS;
  return env;
}

/** `NODE_OPTIONS` for a profiled build (so worker processes it spawns are profiled too). */
export function profileEnv(dir: string): NodeJS.ProcessEnv {
  return { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` };
}

export interface BuildSpec {
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  out: string;
  /** count pages under this subfolder of `out` only (default: the whole output) */
  pagesUnder?: string;
  /** called after the build was measured and counted (e.g. to delete the project copy) */
  cleanup?: () => void;
}

/**
 * Runs every tool `runs` times. Run r uses the tool order rotated by r (A/B, B/A, ... for two
 * tools; A/B/C, B/C/A, C/A/B for three) so drift in machine load hits every tool evenly.
 */
export async function runBuilds(opts: {
  tools: string[];
  runs: number;
  tmp: string;
  label?: string;
  prepare: (tool: string, run: number) => BuildSpec | null;
  /** remove each build's output after counting it (large docs outputs) */
  dropOutputs?: boolean;
  /** called after every build with all results so far (e.g. to save partial results) */
  onResult?: (results: RunResult[]) => void;
}): Promise<RunResult[]> {
  const results: RunResult[] = [];
  const label = opts.label ? `${opts.label} ` : '';
  for (let run = 0; run < opts.runs; run++) {
    const k = run % opts.tools.length;
    const order = [...opts.tools.slice(k), ...opts.tools.slice(0, k)];
    for (const tool of order) {
      const spec = opts.prepare(tool, run);
      if (!spec) continue;
      rmSync(spec.out, { recursive: true, force: true });
      log(`${label}run ${run + 1}/${opts.runs} ${tool}: building in ${spec.cwd} ...`);
      const m = await measure(nodeBin, spec.args, { cwd: spec.cwd, env: spec.env, logFile: join(opts.tmp, `build-${tool}-${run}.log`) });
      const { pages, htmlBytes } = countPages(spec.pagesUnder ? join(spec.out, spec.pagesUnder) : spec.out);
      const totalPages = spec.pagesUnder ? countPages(spec.out).pages : pages;
      results.push({ ...m, tool, run, pages, htmlBytes, totalPages });
      const rss = m.maxRssKiB !== null ? `, max RSS ${Math.round(m.maxRssKiB / 1024)} MiB` : '';
      const counted = spec.pagesUnder ? `${pages} pages under ${spec.pagesUnder}/ (${totalPages} in all)` : `${pages} pages`;
      log(`${label}run ${run + 1}/${opts.runs} ${tool}: exit ${m.exitCode}, ${(m.wallMs / 1000).toFixed(2)} s, ${counted}${rss}`);
      if (m.exitCode !== 0) {
        const tail = readFileSync(m.logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
        log(`${tool} build failed; last lines of ${m.logFile}:\n${tail}`);
      }
      if (opts.dropOutputs) rmSync(spec.out, { recursive: true, force: true });
      spec.cleanup?.();
      opts.onResult?.(results);
    }
  }
  return results;
}

/** Medians over a tool's successful runs (a run with no counted pages is not a success). */
export function summarize(results: RunResult[], tool: string): ToolSummary {
  const mine = results.filter((r) => r.tool === tool);
  const ok = mine.filter((r) => r.exitCode === 0 && r.pages > 0);
  const failed = mine.some((r) => r.exitCode !== 0 || r.pages === 0);
  const wall = median(ok.map((r) => r.wallMs));
  const pages = ok.length ? Math.max(...ok.map((r) => r.pages)) : null;
  const totalPages = ok.length ? Math.max(...ok.map((r) => r.totalPages)) : null;
  const rss = ok.map((r) => r.maxRssKiB).filter((x): x is number => x !== null);
  const tree = ok.map((r) => r.treeRssKiB).filter((x): x is number => x !== null);
  const cpu = ok.filter((r) => r.userS !== null && r.sysS !== null).map((r) => r.userS! + r.sysS!);
  const bytes = ok.length ? ok[0].htmlBytes / Math.max(1, ok[0].pages) : null;
  return {
    tool,
    ok: ok.length > 0 && !failed,
    attempted: mine.length,
    runs: ok.length,
    medianWallMs: round(wall, 0),
    pages,
    totalPages,
    pagesPerSec: wall && pages ? round(pages / (wall / 1000), 1) : null,
    peakRssMiB: rss.length ? round(Math.max(...rss) / 1024, 0) : null,
    peakTreeRssMiB: tree.length ? round(Math.max(...tree) / 1024, 0) : null,
    medianCpuS: round(median(cpu), 1),
    avgHtmlBytesPerPage: round(bytes, 0),
  };
}

/** Plain-text table: first column left-aligned, the rest right-aligned. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export const fmt = (x: number | null, suffix = '') => (x === null ? '—' : `${x}${suffix}`);
/** a / b on a median (wall or CPU), or null when either build failed, did not run or has no figure. */
export const ratioOf = (a: ToolSummary | undefined, b: ToolSummary | undefined, key: 'medianWallMs' | 'medianCpuS'): number | null =>
  a?.ok && b?.ok && a[key] && b[key] ? a[key]! / b[key]! : null;
/**
 * a / b wall time run by run: the builds of one run index ran one after the other, so each pair saw
 * much the same machine. Their spread says how far a single bench's median ratio can be trusted.
 */
export function pairRatios(results: RunResult[], a: string, b: string): number[] {
  const okWall = (tool: string, run: number) =>
    results.find((r) => r.tool === tool && r.run === run && r.exitCode === 0 && r.pages > 0)?.wallMs;
  const runs = [...new Set(results.map((r) => r.run))].sort((x, y) => x - y);
  return runs.flatMap((run) => {
    const [wa, wb] = [okWall(a, run), okWall(b, run)];
    return wa && wb ? [round(wa / wb, 2)!] : [];
  });
}

export const seconds = (x: ToolSummary | undefined) => (x?.ok && x.medianWallMs ? `${(x.medianWallMs / 1000).toFixed(2)} s` : null);
