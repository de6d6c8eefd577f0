/**
 * `npm run bench`: builds the same synthetic Backstage catalog with Playbill and with a
 * plain-Astro baseline (bench/plain-astro) and reports the time ratio. See BENCHMARKS.md.
 *
 *   node scripts/bench.ts [--entities 2000] [--runs 1] [--keep] [--seed 1]
 *                         [--only playbill|plain] [--profile] [--in-place]
 *
 * The table goes to stdout; progress goes to stderr. The last stdout line is always
 *   catalog <N> entities: playbill <ratio>x plain astro
 * Results are written to bench-out/bench-results.json (and bench-results-<N>.json).
 *
 * By default each build runs in a fresh snapshot of its project (working-tree files copied to
 * the temp dir, node_modules symlinked package by package), so it starts cold and cannot
 * collide with other builds in this checkout. --in-place builds in the checkout instead.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadAll } from 'js-yaml';
import { generateOrg } from './bench/generate-org.ts';
import { countPages, measure, type Measurement } from './bench/measure.ts';
import { formatSummary, summarizeProfiles, type ProfileSummary } from './bench/cpuprofile-summary.ts';
import { snapshotProject, workingTreeFiles } from './bench/isolate.ts';

type Tool = 'playbill' | 'plain';

interface RunResult extends Measurement {
  tool: Tool;
  run: number;
  pages: number;
  htmlBytes: number;
}

interface ToolSummary {
  tool: Tool;
  ok: boolean;
  /** builds started / builds that succeeded */
  attempted: number;
  runs: number;
  medianWallMs: number | null;
  pages: number | null;
  pagesPerSec: number | null;
  peakRssMiB: number | null;
  peakTreeRssMiB: number | null;
  medianCpuS: number | null;
  avgHtmlBytesPerPage: number | null;
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const nodeBin = join(root, 'node_modules/.bin/node');
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

const { values: flags } = parseArgs({
  options: {
    entities: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'in-place': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  process.stdout.write(
    'usage: node scripts/bench.ts [--entities 2000] [--runs 1] [--keep] [--seed 1] [--only playbill|plain] [--profile] [--in-place]\n',
  );
  process.exit(0);
}
const entities = Number(flags.entities);
const runs = Number(flags.runs);
const seed = Number(flags.seed);
if (!Number.isInteger(entities) || entities < 7) throw new Error(`--entities must be an integer >= 7`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);
const only = flags.only as Tool | undefined;
if (only && only !== 'playbill' && only !== 'plain') throw new Error(`--only must be playbill or plain`);
const tools: Tool[] = only ? [only] : ['playbill', 'plain'];

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number | null, d = 2): number | null => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

// --- 1. synthetic org + the baseline's JSON input --------------------------------------
const gitAtStart = gitState();
const tmp = mkdtempSync(join(tmpdir(), 'playbill-bench-'));
const orgDir = join(tmp, 'org');
log(`temp dir ${tmp}`);
let t = performance.now();
const org = generateOrg({ entities, dir: orgDir, seed });
log(`generated ${org.entities} entities in ${org.repos} repos (${(org.bytes / 1e6).toFixed(1)} MB YAML) in ${Math.round(performance.now() - t)} ms`);

// The baseline reads a JSON list; parsing the YAML is done here, outside its timed build.
t = performance.now();
const list: unknown[] = [];
for (const repo of readdirSync(orgDir).sort()) {
  for (const doc of loadAll(readFileSync(join(orgDir, repo, 'catalog-info.yaml'), 'utf8'))) if (doc) list.push(doc);
}
const entitiesJson = join(tmp, 'entities.json');
writeFileSync(entitiesJson, JSON.stringify(list));
const yamlParseMs = Math.round(performance.now() - t);
log(`parsed YAML -> ${entitiesJson} in ${yamlParseMs} ms (not counted in the baseline build)`);

// --- 2. builds --------------------------------------------------------------------------
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  // make sure anything the builds spawn as `node` is the project's Node 24
  PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`,
  ASTRO_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
};
delete childEnv.NODE_OPTIONS;

// Pristine snapshots of both projects, taken once; each build gets its own copy (see isolate.ts).
const pristine: Record<Tool, string> = { playbill: root, plain: join(root, 'bench/plain-astro') };
const inPlace = flags['in-place'];
if (!inPlace) {
  t = performance.now();
  const files = workingTreeFiles(root);
  pristine.playbill = snapshotProject(
    root,
    join(tmp, 'pristine-playbill'),
    files.filter((f) => !/^(bench|test|content)\//.test(f)),
  );
  pristine.plain = snapshotProject(
    root,
    join(tmp, 'pristine-plain'),
    files.filter((f) => f.startsWith('bench/plain-astro/')),
    'bench/plain-astro/',
  );
  log(`snapshotted both projects into ${tmp} in ${Math.round(performance.now() - t)} ms`);
}
function projectFor(tool: Tool, run: number): string {
  if (inPlace) return pristine[tool];
  const dest = join(tmp, `root-${tool}-${run}`);
  cpSync(pristine[tool], dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

function command(tool: Tool, out: string, run: number): { args: string[]; env: NodeJS.ProcessEnv; cwd: string } {
  const env: NodeJS.ProcessEnv = { ...childEnv };
  if (flags.profile) {
    // NODE_OPTIONS so that worker processes a build may spawn are profiled too
    env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${join(tmp, `prof-${tool}-${run}`)}`;
  }
  const project = projectFor(tool, run);
  if (tool === 'playbill') {
    return { args: ['scripts/playbill.ts', 'build', '--repos', orgDir, '--out', out], env, cwd: project };
  }
  env.BENCH_ENTITIES_JSON = entitiesJson;
  env.BENCH_CACHE_DIR = join(tmp, `cache-plain-${run}`); // fresh Astro/Vite cache: every build is cold
  return {
    args: ['node_modules/astro/bin/astro.mjs', 'build', '--root', project, '--outDir', out],
    env,
    cwd: inPlace ? root : project,
  };
}

const results: RunResult[] = [];
const playbillMissing = !existsSync(join(root, 'scripts/playbill.ts'));
for (let run = 0; run < runs; run++) {
  // alternate the order (A/B, B/A, ...) so drift in machine load hits both tools evenly
  const order = run % 2 === 0 ? tools : [...tools].reverse();
  for (const tool of order) {
    if (tool === 'playbill' && playbillMissing) {
      if (run === 0) log('scripts/playbill.ts does not exist yet: Playbill column is pending');
      continue;
    }
    const out = join(tmp, `out-${tool}-${run}`);
    rmSync(out, { recursive: true, force: true });
    const { args, env, cwd } = command(tool, out, run);
    log(`run ${run + 1}/${runs} ${tool}: building in ${cwd} ...`);
    const m = await measure(nodeBin, args, { cwd, env, logFile: join(tmp, `build-${tool}-${run}.log`) });
    const { pages, htmlBytes } = countPages(out);
    results.push({ ...m, tool, run, pages, htmlBytes });
    const rss = m.maxRssKiB !== null ? `, max RSS ${Math.round(m.maxRssKiB / 1024)} MiB` : '';
    log(`run ${run + 1}/${runs} ${tool}: exit ${m.exitCode}, ${(m.wallMs / 1000).toFixed(2)} s, ${pages} pages${rss}`);
    if (m.exitCode !== 0) {
      const tail = readFileSync(m.logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
      log(`${tool} build failed; last lines of ${m.logFile}:\n${tail}`);
    }
  }
}

// --- 3. summary -------------------------------------------------------------------------
function summarize(tool: Tool): ToolSummary {
  const attempted = results.filter((r) => r.tool === tool).length;
  const ok = results.filter((r) => r.tool === tool && r.exitCode === 0 && r.pages > 0);
  const failed = results.some((r) => r.tool === tool && (r.exitCode !== 0 || r.pages === 0));
  const wall = median(ok.map((r) => r.wallMs));
  const pages = ok.length ? Math.max(...ok.map((r) => r.pages)) : null;
  const rss = ok.map((r) => r.maxRssKiB).filter((x): x is number => x !== null);
  const tree = ok.map((r) => r.treeRssKiB).filter((x): x is number => x !== null);
  const cpu = ok.filter((r) => r.userS !== null && r.sysS !== null).map((r) => r.userS! + r.sysS!);
  const bytes = ok.length ? ok[0].htmlBytes / Math.max(1, ok[0].pages) : null;
  return {
    tool,
    ok: ok.length > 0 && !failed,
    attempted,
    runs: ok.length,
    medianWallMs: round(wall, 0),
    pages,
    pagesPerSec: wall && pages ? round(pages / (wall / 1000), 1) : null,
    peakRssMiB: rss.length ? round(Math.max(...rss) / 1024, 0) : null,
    peakTreeRssMiB: tree.length ? round(Math.max(...tree) / 1024, 0) : null,
    medianCpuS: round(median(cpu), 1),
    avgHtmlBytesPerPage: round(bytes, 0),
  };
}
const summaries = tools.map(summarize);
const pb = summaries.find((s) => s.tool === 'playbill');
const pl = summaries.find((s) => s.tool === 'plain');
const ratio = pb?.ok && pl?.ok && pb.medianWallMs && pl.medianWallMs ? pb.medianWallMs / pl.medianWallMs : null;
const cpuRatio = pb?.ok && pl?.ok && pb.medianCpuS && pl.medianCpuS ? pb.medianCpuS / pl.medianCpuS : null;

let profiles: Partial<Record<Tool, ProfileSummary>> | undefined;
if (flags.profile) {
  profiles = {};
  for (const tool of tools) {
    const dirs = readdirSync(tmp).filter((d) => d.startsWith(`prof-${tool}-`)).map((d) => join(tmp, d));
    if (!dirs.length) continue;
    profiles[tool] = summarizeProfiles(dirs, 30);
    process.stderr.write(`\n[bench] CPU profile, ${tool}:\n${formatSummary(profiles[tool]!)}\n`);
  }
}

function gitState(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'integrations', 'scripts', 'astro.config.mjs', 'bench'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

const report = {
  date: new Date().toISOString(),
  // the code that was measured (snapshotted at the start of the run, so the tree may have moved since)
  git: gitAtStart,
  profiled: flags.profile,
  entities: org.entities,
  repos: org.repos,
  byKind: org.byKind,
  seed,
  runs,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  yamlParseMsForBaseline: yamlParseMs,
  playbill: pb ?? null,
  plain: pl ?? null,
  ratio: round(ratio, 2),
  cpuRatio: round(cpuRatio, 2),
  results: results.map(({ logFile, ...r }) => ({ ...r, wallMs: Math.round(r.wallMs), logFile: flags.keep ? logFile : undefined })),
  profiles,
};
const outDir = join(root, 'bench-out');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bench-results.json'), JSON.stringify(report, null, 2) + '\n');
writeFileSync(join(outDir, `bench-results-${org.entities}.json`), JSON.stringify(report, null, 2) + '\n');

if (flags.keep) log(`kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });

const fmt = (x: number | null, suffix = '') => (x === null ? '—' : `${x}${suffix}`);
const rows: string[][] = [
  ['tool', 'wall (median)', 'pages', 'pages/s', 'max RSS', 'tree RSS', 'CPU (u+s)', 'HTML/page'],
  ...summaries.map((s) => [
    s.tool === 'plain' ? 'plain astro' : 'playbill',
    s.ok ? fmt(s.medianWallMs === null ? null : round(s.medianWallMs / 1000, 2), ' s') : s.attempted ? 'FAILED' : 'pending',
    fmt(s.pages),
    fmt(s.pagesPerSec),
    fmt(s.peakRssMiB, ' MiB'),
    fmt(s.peakTreeRssMiB, ' MiB'),
    fmt(s.medianCpuS, ' s'),
    fmt(s.avgHtmlBytesPerPage === null ? null : round(s.avgHtmlBytesPerPage / 1024, 1), ' KiB'),
  ]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
const table = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
console.log(`\n${org.entities} entities, ${org.repos} repos, ${runs} run(s), ${cpus().length} CPUs`);
console.log(table.join('\n'));
if (cpuRatio !== null) console.log(`CPU-time ratio playbill/plain: ${cpuRatio.toFixed(2)}x`);
const seconds = (x: ToolSummary | undefined) => (x?.ok && x.medianWallMs ? `${(x.medianWallMs / 1000).toFixed(2)} s` : null);
let lastLine: string;
if (ratio !== null) lastLine = `catalog ${org.entities} entities: playbill ${ratio.toFixed(2)}x plain astro`;
else if (!pb) lastLine = `catalog ${org.entities} entities: playbill not run (plain astro ${seconds(pl) ?? 'failed'})`;
else if (!pl) lastLine = `catalog ${org.entities} entities: playbill ${seconds(pb) ?? 'failed'} (plain astro not run)`;
else lastLine = `catalog ${org.entities} entities: playbill ${playbillMissing ? 'pending' : pb.ok ? 'ok' : 'failed'}, plain astro ${seconds(pl) ?? 'failed'} (no ratio)`;
console.log(lastLine);
// non-zero when a build that ran failed; a Playbill CLI that does not exist yet is only "pending"
process.exitCode = summaries.every((s) => s.ok || (s.tool === 'playbill' && playbillMissing)) ? 0 : 1;
