/**
 * The catalog benchmark (`npm run bench`, `--entities N`): the same synthetic Backstage
 * catalog built by Playbill as a portal builds by default (search index and the local plugins),
 * by Playbill's catalog alone (`playbill-catalog`: no plugins, `--no-search`), by the plain-Astro
 * baseline in bench/plain-astro (catalog mode), and by that baseline followed by the same pagefind pass
 * Playbill runs (`plain-search`). See BENCHMARKS.md. Prints a table and, last,
 * `catalog <N> entities: playbill <r>x plain astro, <r>x plain astro + pagefind; catalog alone <r>x plain astro`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAll } from 'js-yaml';
import { generateOrg } from '../support/generate-org.ts';
import { summarizeToolProfiles } from './cpuprofile-summary.ts';
import { freshProjectCopy, playbillProjectFiles, snapshotProject, workingTreeFiles } from './isolate.ts';
import {
  childEnv, fmt, liveTempDirs, formatTable, gitState, log, machine, pairRatios, profileEnv, ratioOf, root, round, runBuilds, seconds, summarize,
  type BuildSpec, type ToolSummary, BENCH_CONFIG } from './common.ts';

export type CatalogTool = 'playbill' | 'playbill-catalog' | 'plain' | 'plain-search';
export const CATALOG_TOOLS: CatalogTool[] = ['playbill', 'playbill-catalog', 'plain', 'plain-search'];
const CATALOG_ONLY_CONFIG = 'bench/playbill-catalog.config.mjs';

export interface CatalogOptions {
  entities: number;
  runs: number;
  seed: number;
  tools: CatalogTool[];
  keep: boolean;
  profile: boolean;
  inPlace: boolean;
}

const toolLabel: Record<CatalogTool, string> = {
  playbill: 'playbill',
  'playbill-catalog': 'playbill, catalog alone',
  plain: 'plain astro',
  'plain-search': 'plain astro + pagefind',
};

/** Runs the catalog bench, prints its table; returns the summary line and whether it passed. */
export async function runCatalogBench(opts: CatalogOptions): Promise<{ lastLine: string; ok: boolean }> {
  const { entities, runs, seed, tools } = opts;

  // --- 1. synthetic org + the baseline's JSON input --------------------------------------
  const gitAtStart = gitState();
  const tmp = mkdtempSync(join(tmpdir(), 'playbill-bench-'));
  liveTempDirs.add(tmp);
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
  const baseEnv = childEnv();

  // Pristine snapshots of both projects, taken once; each build gets its own copy (see isolate.ts).
  const pristine: Record<CatalogTool, string> = {
    playbill: root,
    'playbill-catalog': root,
    plain: join(root, 'bench/plain-astro'),
    'plain-search': join(root, 'bench/plain-astro'),
  };
  if (!opts.inPlace) {
    t = performance.now();
    const files = workingTreeFiles(root);
    pristine.playbill = snapshotProject(
      root,
      join(tmp, 'pristine-playbill'),
      playbillProjectFiles(files),
    );
    pristine.plain = snapshotProject(
      root,
      join(tmp, 'pristine-plain'),
      files.filter((f) => f.startsWith('bench/plain-astro/')),
      'bench/plain-astro/',
    );
    pristine['plain-search'] = pristine.plain;
    pristine['playbill-catalog'] = pristine.playbill;
    log(`snapshotted both projects into ${tmp} in ${Math.round(performance.now() - t)} ms`);
  }
  const projectFor = (tool: CatalogTool): string => (opts.inPlace ? pristine[tool] : freshProjectCopy(pristine[tool], join(tmp, `root-${tool}`)));

  const playbillMissing = !existsSync(join(root, 'scripts/playbill.ts'));
  const prepare = (tool: string, run: number): BuildSpec | null => {
    if (tool.startsWith('playbill') && playbillMissing) {
      if (run === 0) log('scripts/playbill.ts does not exist yet: Playbill column is pending');
      return null;
    }
    const out = join(tmp, `out-${tool}-${run}`);
    const env: NodeJS.ProcessEnv = { ...baseEnv, ...(opts.profile ? profileEnv(join(tmp, `prof-${tool}-${run}`)) : {}) };
    const project = projectFor(tool as CatalogTool);
    if (tool === 'playbill') {
      return { args: ['scripts/playbill.ts', 'build', '--config', BENCH_CONFIG, '--repos', orgDir, '--out', out], env, cwd: project, out };
    }
    if (tool === 'playbill-catalog') {
      return { args: ['scripts/playbill.ts', 'build', '--config', CATALOG_ONLY_CONFIG, '--no-search', '--repos', orgDir, '--out', out], env, cwd: project, out };
    }
    env.BENCH_PLAIN_MODE = 'catalog';
    env.BENCH_ENTITIES_JSON = entitiesJson;
    env.BENCH_CACHE_DIR = join(tmp, `cache-${tool}-${run}`); // fresh Astro/Vite cache: every build is cold
    if (tool === 'plain-search') env.BENCH_PAGEFIND = '1';
    return {
      args: ['node_modules/astro/bin/astro.mjs', 'build', '--root', project, '--outDir', out],
      env,
      cwd: opts.inPlace ? root : project,
      out,
    };
  };
  const results = await runBuilds({ tools, runs, tmp, prepare });

  // --- 3. summary -------------------------------------------------------------------------
  const summaries = tools.map((tool) => summarize(results, tool));
  const pb = summaries.find((s) => s.tool === 'playbill');
  const pl = summaries.find((s) => s.tool === 'plain');
  const ps = summaries.find((s) => s.tool === 'plain-search');
  const pc = summaries.find((s) => s.tool === 'playbill-catalog');
  const ratio = ratioOf(pb, pl, 'medianWallMs');
  const searchRatio = ratioOf(pb, ps, 'medianWallMs');
  const catalogRatio = ratioOf(pc, pl, 'medianWallMs');
  const cpuRatio = ratioOf(pb, pl, 'medianCpuS');
  const pairs = { playbill: pairRatios(results, 'playbill', 'plain'), catalogAlone: pairRatios(results, 'playbill-catalog', 'plain') };

  const profiles = opts.profile ? summarizeToolProfiles(tmp, tools, '') : undefined;

  const report = {
    date: new Date().toISOString(),
    // the code that was measured (snapshotted at the start of the run, so the tree may have moved since)
    git: gitAtStart,
    profiled: opts.profile,
    entities: org.entities,
    repos: org.repos,
    byKind: org.byKind,
    seed,
    runs,
    machine: machine(),
    yamlParseMsForBaseline: yamlParseMs,
    playbill: pb ?? null,
    plain: pl ?? null,
    plainSearch: ps ?? null,
    playbillCatalog: pc ?? null,
    ratio: round(ratio, 2),
    searchRatio: round(searchRatio, 2),
    catalogRatio: round(catalogRatio, 2),
    cpuRatio: round(cpuRatio, 2),
    pairRatios: pairs,
    results: results.map(({ logFile, ...r }) => ({ ...r, wallMs: Math.round(r.wallMs), logFile: opts.keep ? logFile : undefined })),
    profiles,
  };
  const outDir = join(root, 'bench-out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench-results.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(outDir, `bench-results-${org.entities}.json`), JSON.stringify(report, null, 2) + '\n');

  liveTempDirs.delete(tmp);
  if (opts.keep) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });

  const rows: string[][] = [
    ['tool', 'wall (median)', 'pages', 'pages/s', 'max RSS', 'tree RSS', 'CPU (u+s)', 'HTML/page'],
    ...summaries.map((s: ToolSummary) => [
      toolLabel[s.tool as CatalogTool],
      s.ok ? fmt(s.medianWallMs === null ? null : round(s.medianWallMs / 1000, 2), ' s') : s.attempted ? 'FAILED' : 'pending',
      fmt(s.pages),
      fmt(s.pagesPerSec),
      fmt(s.peakRssMiB, ' MiB'),
      fmt(s.peakTreeRssMiB, ' MiB'),
      fmt(s.medianCpuS, ' s'),
      fmt(s.avgHtmlBytesPerPage === null ? null : round(s.avgHtmlBytesPerPage / 1024, 1), ' KiB'),
    ]),
  ];
  console.log(`\n${org.entities} entities, ${org.repos} repos, ${runs} run(s), ${cpus().length} CPUs`);
  console.log(formatTable(rows));
  if (cpuRatio !== null) console.log(`CPU-time ratio playbill/plain: ${cpuRatio.toFixed(2)}x`);
  if (runs > 1) {
    if (pairs.playbill.length) console.log(`run by run, playbill/plain: ${pairs.playbill.join(', ')}`);
    if (pairs.catalogAlone.length) console.log(`run by run, catalog alone/plain: ${pairs.catalogAlone.join(', ')}`);
  }
  let lastLine: string;
  if (ratio !== null) {
    lastLine = `catalog ${org.entities} entities: playbill ${ratio.toFixed(2)}x plain astro`;
    if (searchRatio !== null) lastLine += `, ${searchRatio.toFixed(2)}x plain astro + pagefind`;
    if (catalogRatio !== null) lastLine += `; catalog alone ${catalogRatio.toFixed(2)}x plain astro`;
  } else if (catalogRatio !== null) lastLine = `catalog ${org.entities} entities: catalog alone ${catalogRatio.toFixed(2)}x plain astro`;
  else if (!pb) lastLine = `catalog ${org.entities} entities: playbill not run (plain astro ${seconds(pl) ?? 'failed'})`;
  else if (!pl) lastLine = `catalog ${org.entities} entities: playbill ${seconds(pb) ?? 'failed'} (plain astro not run)`;
  else lastLine = `catalog ${org.entities} entities: playbill ${playbillMissing ? 'pending' : pb.ok ? 'ok' : 'failed'}, plain astro ${seconds(pl) ?? 'failed'} (no ratio)`;
  // not ok when a build that ran failed; a Playbill CLI that does not exist yet is only "pending"
  const ok = summaries.every((s) => s.ok || (s.tool.startsWith('playbill') && playbillMissing));
  return { lastLine, ok };
}
