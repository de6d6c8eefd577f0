/**
 * The docs benchmark (`npm run bench -- --docs N`): the same synthetic TechDocs markdown
 * (support/generate-docs.ts) built by Playbill, by a plain-Astro project
 * (bench/plain-astro in docs mode) and by a default Starlight site (bench/starlight-docs). See
 * BENCHMARKS.md. Prints a table and, last,
 *   docs <N> pages: playbill <r>x plain astro, <r>x starlight
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDocs, type DocPage } from '../support/generate-docs.ts';
import { summarizeToolProfiles } from './cpuprofile-summary.ts';
import { freshProjectCopy, playbillProjectFiles, snapshotProject, workingTreeFiles } from './isolate.ts';
import {
  childEnv, fmt, liveTempDirs, formatTable, gitState, log, machine, profileEnv, ratioOf, root, round, runBuilds, seconds, summarize,
  type BuildSpec, type RunResult, type ToolSummary, BENCH_CONFIG } from './common.ts';

/**
 * `starlight-site` is the Starlight project with each page's sidebar trimmed to its own site
 * (bench/starlight-docs/src/site-sidebar.ts): same navigation size as the other two, so it
 * shows what Starlight costs apart from its default all-pages sidebar.
 */
export type DocsTool = 'playbill' | 'plain' | 'starlight' | 'starlight-site';
export const DOCS_TOOLS: DocsTool[] = ['playbill', 'plain', 'starlight', 'starlight-site'];

export interface DocsOptions {
  pages: number;
  runs: number;
  seed: number;
  tools: DocsTool[];
  keep: boolean;
  profile: boolean;
  inPlace: boolean;
}

export interface DocsBenchResult {
  lastLine: string;
  ok: boolean;
  pages: number;
  summaries: ToolSummary[];
}

/**
 * Where the generated sites' pages land in Playbill's and the plain baseline's output
 * (`/docs/<namespace>/<kind>/<name>/...`); Playbill's `/docs/` listing page is not one of them.
 * Starlight has no prefix: every index.html is a docs page.
 */
const SITE_PAGES_UNDER = 'docs/default';

const LABEL: Record<DocsTool, string> = {
  playbill: 'playbill',
  plain: 'plain astro',
  starlight: 'starlight',
  'starlight-site': 'starlight, per-site sidebar',
};
const PROJECT: Record<'plain' | 'starlight', string> = {
  plain: 'bench/plain-astro',
  starlight: 'bench/starlight-docs',
};
const usesStarlight = (tools: DocsTool[]) => tools.includes('starlight') || tools.includes('starlight-site');

/** Writes the pages where Starlight's docs collection expects them: src/content/docs/<component>/<path>. */
function writeStarlightPages(project: string, list: DocPage[]): void {
  for (const page of list) {
    const file = join(project, 'src/content/docs', page.component, page.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.markdown);
  }
}

function clearStarlightPages(project: string): void {
  const dir = join(project, 'src/content/docs');
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name !== '.gitkeep') rmSync(join(dir, name), { recursive: true, force: true });
  }
}

export async function runDocsBench(opts: DocsOptions): Promise<DocsBenchResult> {
  const { runs, seed, tools } = opts;
  const gitAtStart = gitState();
  // The temp dir lives under bench-out/ (gitignored), not in /tmp: Astro treats an absolute
  // module path that shares no ancestor directory with the project root as root-relative, so
  // a snapshot in /tmp whose node_modules symlink into this checkout breaks on packages that
  // ship .astro components (Starlight: "No cached compile metadata found for ...").
  mkdirSync(join(root, 'bench-out'), { recursive: true });
  const tmp = mkdtempSync(join(root, 'bench-out', 'tmp-docs-'));
  liveTempDirs.add(tmp);
  log(`docs: temp dir ${tmp}`);

  // --- 1. synthetic TechDocs repos + the baselines' inputs ----------------------------------
  // The input repos go to the system temp dir, outside this checkout: Playbill runs `git log`
  // in each docs repo, and inside the checkout's work tree that would walk its history.
  const inputTmp = mkdtempSync(join(tmpdir(), 'playbill-bench-docs-'));
  liveTempDirs.add(inputTmp);
  let t = performance.now();
  const reposDir = join(inputTmp, 'repos');
  const gen = generateDocs({ pages: opts.pages, dir: reposDir, seed });
  log(`docs: generated ${gen.pages} pages in ${gen.sites} repos (${(gen.bytes / 1e6).toFixed(1)} MB markdown) in ${Math.round(performance.now() - t)} ms`);
  // plain astro: the site list (component, site name, mkdocs nav), outside its timed build
  const sitesJson = join(tmp, 'docs-sites.json');
  writeFileSync(sitesJson, JSON.stringify(gen.siteList.map(({ pages: _pages, ...site }) => site)));

  // --- 2. builds ------------------------------------------------------------------------------
  const baseEnv = childEnv();
  const pristine: Record<'playbill' | 'plain' | 'starlight', string> = {
    playbill: root,
    plain: join(root, PROJECT.plain),
    starlight: join(root, PROJECT.starlight),
  };
  t = performance.now();
  if (!opts.inPlace) {
    const files = workingTreeFiles(root);
    if (tools.includes('playbill')) {
      pristine.playbill = snapshotProject(root, join(tmp, 'pristine-playbill'), playbillProjectFiles(files));
    }
    for (const tool of ['plain', 'starlight'] as const) {
      if (tool === 'plain' ? !tools.includes('plain') : !usesStarlight(tools)) continue;
      const prefix = `${PROJECT[tool]}/`;
      pristine[tool] = snapshotProject(root, join(tmp, `pristine-${tool}`), files.filter((f) => f.startsWith(prefix)), prefix);
    }
  }
  if (usesStarlight(tools)) {
    if (opts.inPlace) clearStarlightPages(pristine.starlight);
    writeStarlightPages(pristine.starlight, gen.list);
  }
  log(`docs: prepared ${opts.inPlace ? 'in-place projects' : `project snapshots in ${tmp}`} in ${Math.round(performance.now() - t)} ms`);

  const playbillMissing = !existsSync(join(root, 'scripts/playbill.ts'));
  const prepare = (tool: string, run: number): BuildSpec | null => {
    const docsTool = tool as DocsTool;
    if (docsTool === 'playbill' && playbillMissing) {
      if (run === 0) log('scripts/playbill.ts does not exist yet: Playbill column is pending');
      return null;
    }
    const out = join(tmp, `out-${tool}-${run}`);
    const env: NodeJS.ProcessEnv = { ...baseEnv, ...(opts.profile ? profileEnv(join(tmp, `prof-${tool}-${run}`)) : {}) };
    let project = pristine[docsTool === 'starlight-site' ? 'starlight' : docsTool];
    let cleanup: (() => void) | undefined;
    if (!opts.inPlace) {
      const copy = freshProjectCopy(project, join(tmp, `root-${tool}`));
      project = copy;
      if (!opts.keep) cleanup = () => rmSync(copy, { recursive: true, force: true });
    }
    if (docsTool === 'playbill') {
      return { args: ['scripts/playbill.ts', 'build', '--config', BENCH_CONFIG, '--repos', reposDir, '--out', out], env, cwd: project, out, pagesUnder: SITE_PAGES_UNDER, cleanup };
    }
    env.BENCH_CACHE_DIR = join(tmp, `cache-${tool}-${run}`); // fresh Astro/Vite cache and data store: cold build
    if (docsTool === 'plain') {
      env.BENCH_PLAIN_MODE = 'docs';
      env.BENCH_DOCS_DIR = reposDir;
      env.BENCH_DOCS_SITES_JSON = sitesJson;
    }
    if (docsTool === 'starlight-site') env.BENCH_STARLIGHT_SIDEBAR = 'site';
    return {
      args: ['node_modules/astro/bin/astro.mjs', 'build', '--root', project, '--outDir', out],
      env,
      cwd: opts.inPlace ? root : project,
      out,
      pagesUnder: docsTool === 'plain' ? SITE_PAGES_UNDER : undefined,
      cleanup,
    };
  };
  // outputs are large (Starlight's default sidebar lists every page on every page): count, then drop
  // partial results after every build, so a long session that gets interrupted still leaves its runs
  const partialFile = join(root, 'bench-out', `bench-docs-partial-${gen.pages}.json`);
  const savePartial = (sofar: RunResult[]) =>
    writeFileSync(partialFile, JSON.stringify({ date: new Date().toISOString(), git: gitAtStart, pages: gen.pages, runs, results: sofar.map(({ logFile: _l, ...r }) => r) }, null, 2) + '\n');
  const results = await runBuilds({ tools, runs, tmp, prepare, label: `docs ${gen.pages}:`, dropOutputs: !opts.keep, onResult: savePartial });
  rmSync(partialFile, { force: true });
  if (opts.inPlace && usesStarlight(tools)) clearStarlightPages(pristine.starlight);

  // --- 3. summary -------------------------------------------------------------------------------
  const summaries = tools.map((tool) => summarize(results, tool));
  const by = (tool: DocsTool) => summaries.find((s) => s.tool === tool);
  const pb = by('playbill');
  const pl = by('plain');
  const sl = by('starlight');
  const sls = by('starlight-site');
  const pbRuns = results.filter((r) => r.tool === 'playbill');
  // Playbill builds fine but publishes no docs yet (docs rendering not implemented): pending, not failed
  const playbillNoDocs = pbRuns.length > 0 && pbRuns.every((r) => r.exitCode === 0 && r.pages === 0);
  const ratios = {
    plain: ratioOf(pb, pl, 'medianWallMs'),
    starlight: ratioOf(pb, sl, 'medianWallMs'),
    plainCpu: ratioOf(pb, pl, 'medianCpuS'),
    starlightCpu: ratioOf(pb, sl, 'medianCpuS'),
    starlightSite: ratioOf(pb, sls, 'medianWallMs'),
    starlightSiteCpu: ratioOf(pb, sls, 'medianCpuS'),
  };
  for (const s of summaries) {
    if (s.ok && s.pages !== gen.pages) log(`WARNING: ${s.tool} produced ${s.pages} docs pages, expected ${gen.pages}`);
  }

  const profiles = opts.profile ? summarizeToolProfiles(tmp, tools, `docs ${gen.pages}, `) : undefined;

  const report = {
    date: new Date().toISOString(),
    git: gitAtStart,
    profiled: opts.profile,
    pages: gen.pages,
    sites: gen.sites,
    markdownBytes: gen.bytes,
    seed,
    runs,
    machine: machine(),
    playbill: pb ?? null,
    plain: pl ?? null,
    starlight: sl ?? null,
    starlightSite: sls ?? null,
    playbillNoDocsPages: playbillNoDocs,
    ratioPlain: round(ratios.plain, 2),
    ratioStarlight: round(ratios.starlight, 2),
    cpuRatioPlain: round(ratios.plainCpu, 2),
    cpuRatioStarlight: round(ratios.starlightCpu, 2),
    ratioStarlightSite: round(ratios.starlightSite, 2),
    cpuRatioStarlightSite: round(ratios.starlightSiteCpu, 2),
    results: results.map(({ logFile, ...r }) => ({ ...r, wallMs: Math.round(r.wallMs), logFile: opts.keep ? logFile : undefined })),
    profiles,
  };
  const outDir = join(root, 'bench-out');
  writeFileSync(join(outDir, 'bench-docs-results.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(outDir, `bench-docs-results-${gen.pages}.json`), JSON.stringify(report, null, 2) + '\n');

  liveTempDirs.delete(tmp);
  liveTempDirs.delete(inputTmp);
  if (opts.keep) log(`kept ${tmp} and ${inputTmp}`);
  else for (const dir of [tmp, inputTmp]) rmSync(dir, { recursive: true, force: true });

  const status = (s: ToolSummary) => {
    if (s.ok) return fmt(s.medianWallMs === null ? null : round(s.medianWallMs / 1000, 2), ' s');
    if (s.tool === 'playbill' && playbillNoDocs) return 'no docs yet';
    return s.attempted ? 'FAILED' : 'pending';
  };
  const rows: string[][] = [
    ['tool', 'wall (median)', 'docs pages', 'pages/s', 'all pages', 'max RSS', 'tree RSS', 'CPU (u+s)', 'HTML/page'],
    ...summaries.map((s) => [
      LABEL[s.tool as DocsTool],
      status(s),
      fmt(s.pages),
      fmt(s.pagesPerSec),
      fmt(s.totalPages),
      fmt(s.peakRssMiB, ' MiB'),
      fmt(s.peakTreeRssMiB, ' MiB'),
      fmt(s.medianCpuS, ' s'),
      fmt(s.avgHtmlBytesPerPage === null ? null : round(s.avgHtmlBytesPerPage / 1024, 1), ' KiB'),
    ]),
  ];
  console.log(`\ndocs: ${gen.pages} pages, ${gen.sites} sites, ${(gen.bytes / 1e6).toFixed(1)} MB markdown, ${runs} run(s), ${cpus().length} CPUs`);
  console.log(formatTable(rows));
  if (ratios.plainCpu !== null) console.log(`CPU-time ratio playbill/plain astro: ${ratios.plainCpu.toFixed(2)}x`);
  if (ratios.starlightCpu !== null) console.log(`CPU-time ratio playbill/starlight: ${ratios.starlightCpu.toFixed(2)}x`);
  if (ratios.starlightSite !== null) {
    console.log(`playbill/starlight with per-site sidebar: ${ratios.starlightSite.toFixed(2)}x wall, ${ratios.starlightSiteCpu?.toFixed(2) ?? '—'}x CPU`);
  }

  // last line: `docs 5000 pages: playbill 1.10x plain astro, 0.05x starlight`, or what is missing
  const other = (s: ToolSummary | undefined, name: string) => `${name} ${!s ? 'not run' : (seconds(s) ?? 'failed')}`;
  let lastLine: string;
  if (pb?.ok) {
    const plainPart = ratios.plain !== null ? `${ratios.plain.toFixed(2)}x plain astro` : `${seconds(pb)} (${other(pl, 'plain astro')})`;
    const slPart = ratios.starlight !== null ? `${ratios.starlight.toFixed(2)}x starlight` : `starlight ${!sl ? 'not run' : 'failed'}`;
    lastLine = `docs ${gen.pages} pages: playbill ${plainPart}, ${slPart}`;
  } else {
    const pbStatus = !pb ? 'not run' : playbillMissing ? 'pending' : playbillNoDocs ? 'pending (no docs pages yet)' : 'failed';
    lastLine = `docs ${gen.pages} pages: playbill ${pbStatus} (${other(pl, 'plain astro')}, ${other(sl, 'starlight')})`;
  }
  const ok = summaries.every((s) => s.ok || (s.tool === 'playbill' && (playbillMissing || playbillNoDocs)));
  return { lastLine, ok, pages: gen.pages, summaries };
}
