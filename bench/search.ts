/**
 * The search benchmark (`npm run bench -- --search [ENTITIES,DOCS]`, default 10000,5000): one
 * Playbill build of a synthetic organisation (support/generate-org.ts) plus synthetic
 * TechDocs (generate-docs.ts), then, in Chromium on the built site:
 *
 *   - pagefind's index: pages, time (the build's `search` stage line) and size on disk
 *   - JavaScript shipped, gzipped, by an entity page and a docs page before search is opened,
 *     and by the catalog explorer page (support/page-weight.ts)
 *   - opening search: the shortcut → the dialog ready (island hydrated, pagefind loaded)
 *   - typing a query → results shown: from the last keystroke's input event to the dialog's
 *     `playbill:search-results` performance mark for that query (set after React commits the
 *     results), both read from the page's own clock; plus the bytes the search fetched from pagefind/
 *   - the explorer's filter time, from `measureExplorerFilter` in bench/explorer.ts
 *
 * Targets (BENCHMARKS.md, "Search"): ≤ 30 kB gzipped JavaScript on entity and docs pages before
 * search opens; results ≤ 150 ms after the last keystroke. Last stdout line:
 *   search <E> entities + <D> docs pages: index <s> s, <size>; JS gz entity <kB>, docs <kB>, explorer <kB>; results <ms> ms cold, <ms> ms warm (medians)
 * Results: bench-out/bench-search-results.json (and bench-search-results-<E>-<D>.json).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { generateDocs } from '../support/generate-docs.ts';
import { generateOrg } from '../support/generate-org.ts';
import { javascriptShipped } from '../support/page-weight.ts';
import { serveStatic } from '../support/static-server.ts';
import { childEnv, formatTable, gitState, liveTempDirs, log, machine, median, nodeBin, root, round, BENCH_CONFIG } from './common.ts';
import { measureExplorerFilter, type ExplorerFilterTiming } from './explorer.ts';
import { playbillProjectFiles, snapshotProject, workingTreeFiles } from './isolate.ts';
import { measure } from './measure.ts';

export interface SearchBenchOptions {
  entities: number;
  docs: number;
  seed: number;
  /** Times each query is typed (the median is reported). Default 3. */
  queryRuns?: number;
  keep: boolean;
  inPlace: boolean;
}

export interface QueryTiming {
  query: string;
  /** Last keystroke → results shown, per run (ms). The first run is cold: the query's index chunks and result fragments are fetched then. */
  runs: number[];
  results: number;
}

/** Cold: each query's first run; warm: the median of its later runs. */
function coldAndWarm(queries: QueryTiming[]): { coldMedianMs: number | null; coldWorstMs: number | null; warmMedianMs: number | null; warmWorstMs: number | null } {
  const cold = queries.map((query) => query.runs[0]).filter((ms): ms is number => ms !== undefined);
  const warm = queries.map((query) => median(query.runs.slice(1))).filter((ms): ms is number => ms !== null);
  return {
    coldMedianMs: round(median(cold), 0),
    coldWorstMs: cold.length ? round(Math.max(...cold), 0) : null,
    warmMedianMs: round(median(warm), 0),
    warmWorstMs: warm.length ? round(Math.max(...warm), 0) : null,
  };
}

export const SEARCH_TARGETS = { jsGzipBytes: 30 * 1024, resultsMs: 150 } as const;

export async function runSearchBench(opts: SearchBenchOptions): Promise<{ lastLine: string; ok: boolean }> {
  const gitAtStart = gitState();
  mkdirSync(join(root, 'bench-out'), { recursive: true });
  const tmp = mkdtempSync(join(root, 'bench-out', 'tmp-search-'));
  liveTempDirs.add(tmp);
  // Inputs outside the checkout: Playbill runs `git log` in each docs repo (see docs.ts).
  const inputTmp = mkdtempSync(join(tmpdir(), 'playbill-bench-search-'));
  liveTempDirs.add(inputTmp);
  log(`search: temp dirs ${tmp}, ${inputTmp}`);

  // --- 1. one folder of repos: the organisation, then the docs sites as docs-repo-NNN ------------
  let t = performance.now();
  const reposDir = join(inputTmp, 'repos');
  const org = generateOrg({ entities: opts.entities, dir: reposDir, seed: opts.seed });
  const docsDir = join(inputTmp, 'docs');
  const docs = generateDocs({ pages: opts.docs, dir: docsDir, seed: opts.seed });
  for (const repo of readdirSync(docsDir)) renameSync(join(docsDir, repo), join(reposDir, `docs-${repo}`));
  log(`search: generated ${org.entities} entities and ${docs.pages} docs pages (${docs.sites} components) in ${Math.round(performance.now() - t)} ms`);

  // --- 2. the build ---------------------------------------------------------------------------------
  let project = root;
  if (!opts.inPlace) {
    project = snapshotProject(root, join(tmp, 'project'), playbillProjectFiles(workingTreeFiles(root)));
  }
  const out = join(tmp, 'site');
  const env = { ...childEnv(), PLAYBILL_CACHE_DIR: join(tmp, 'cache') };
  log(`search: building in ${project} ...`);
  const build = await measure(nodeBin, ['scripts/playbill.ts', 'build', '--config', BENCH_CONFIG, '--repos', reposDir, '--out', out], { cwd: project, env, logFile: join(tmp, 'build.log') });
  const buildLog = readFileSync(build.logFile, 'utf8');
  if (build.exitCode !== 0) {
    log(`search: the build failed (exit ${build.exitCode}); last lines of ${build.logFile}:\n${buildLog.trimEnd().split('\n').slice(-20).join('\n')}`);
    return { lastLine: `search ${opts.entities} entities + ${opts.docs} docs pages: build failed`, ok: false };
  }
  const stage = /\[playbill\] search +(\d+) pages indexed, .*\((\d+(?:\.\d+)?)(ms|s)\)/.exec(buildLog);
  const index = {
    pages: stage ? Number(stage[1]) : null,
    ms: stage ? Number(stage[2]) * (stage[3] === 's' ? 1000 : 1) : null,
    ...bundleSize(join(out, 'pagefind')),
  };
  log(`search: built in ${(build.wallMs / 1000).toFixed(1)} s; pagefind indexed ${index.pages} pages in ${index.ms} ms, ${(index.bytes / 1e6).toFixed(1)} MB in ${index.files} files`);

  // --- 3. in Chromium -------------------------------------------------------------------------------
  const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as { entities: { kind: string; metadata: { name: string; namespace: string; title?: string } }[] };
  // An organisation component (not one of the docs sites'), and a docs page from the middle of the docs.
  const docsComponents = new Set(docs.siteList.map((site) => site.component));
  const components = catalog.entities.filter((entity) => entity.kind === 'Component' && !docsComponents.has(entity.metadata.name));
  const entity = components[Math.floor(components.length / 2)]!;
  const entityPath = `catalog/${entity.metadata.namespace.toLowerCase()}/component/${entity.metadata.name}/`;
  const docPage = docs.list[Math.floor(docs.list.length / 2)]!;
  const docsPath = `docs/default/component/${docPage.component}/${docPage.path.replace(/(^|\/)index\.md$/, '$1').replace(/\.md$/, '/')}`;
  for (const path of [entityPath, docsPath]) if (!existsSync(join(out, path, 'index.html'))) throw new Error(`search bench: ${path} was not built`);
  const queries = benchQueries(catalog.entities.map((candidate) => candidate.metadata.title ?? candidate.metadata.name), docs.list.map((page) => page.headings.map((heading) => heading.text)).flat());

  const server = await serveStatic(out, '/');
  const browser: Browser = await launchChromium();
  let report: Record<string, unknown>;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const js = {
      entity: await javascriptShipped(page, `${server.url}${entityPath}`),
      docs: await javascriptShipped(page, `${server.url}${docsPath}`),
      explorer: await javascriptShipped(page, `${server.url}catalog/`),
    };
    log(`search: JS gz entity ${kB(js.entity.gzipBytes)}, docs ${kB(js.docs.gzipBytes)}, explorer ${kB(js.explorer.gzipBytes)}`);

    const typing = await measureTyping(page, `${server.url}${entityPath}`, queries, opts.queryRuns ?? 3);
    const latency = coldAndWarm(typing.queries);
    log(`search: open → ready ${Math.round(typing.openMs)} ms; results after the last keystroke: cold median ${latency.coldMedianMs} ms (worst ${latency.coldWorstMs}), warm median ${latency.warmMedianMs} ms (worst ${latency.warmWorstMs})`);

    let explorer: ExplorerFilterTiming | { pending: string };
    try {
      explorer = await measureExplorerFilter(await browser.newPage({ viewport: { width: 1280, height: 900 } }), `${server.url}catalog/`);
    } catch (error) {
      explorer = { pending: `measureExplorerFilter failed: ${error instanceof Error ? error.message : String(error)}` };
    }

    report = {
      date: new Date().toISOString(),
      git: gitAtStart,
      machine: machine(),
      entities: org.entities,
      docsPages: docs.pages,
      seed: opts.seed,
      build: { wallMs: Math.round(build.wallMs), maxRssMiB: build.maxRssKiB === null ? null : Math.round(build.maxRssKiB / 1024) },
      index,
      pages: { entity: entityPath, docs: docsPath },
      javascript: Object.fromEntries(Object.entries(js).map(([name, shipped]) => [name, { bytes: shipped.bytes, gzipBytes: shipped.gzipBytes, scripts: shipped.scripts }])),
      search: { openMs: round(typing.openMs, 0), fetchedBytes: typing.fetchedBytes, queries: typing.queries, ...latency },
      explorer,
      targets: SEARCH_TARGETS,
    };
  } finally {
    await browser.close();
    await server.close();
  }

  const name = `bench-search-results-${opts.entities}-${opts.docs}.json`;
  for (const file of ['bench-search-results.json', name]) writeFileSync(join(root, 'bench-out', file), JSON.stringify(report, null, 2) + '\n');
  liveTempDirs.delete(tmp);
  liveTempDirs.delete(inputTmp);
  if (opts.keep) log(`kept ${tmp} and ${inputTmp}`);
  else for (const dir of [tmp, inputTmp]) rmSync(dir, { recursive: true, force: true });

  return summarise(report);
}

/** The dialog on an entity page: open it once, then type each query `runs` times, timing each in the page. */
async function measureTyping(page: Page, url: string, queries: string[], runs: number) {
  await page.goto(url, { waitUntil: 'networkidle' });
  const fetched: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/pagefind/')) void response.body().then((body) => fetched.push(body.byteLength), () => {});
  });
  const openStarted = await page.evaluate(() => performance.now());
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Search entities and docs' });
  await input.waitFor();
  // Ready: pagefind loaded and the empty search answered (its mark has query '').
  await page.waitForFunction(() => performance.getEntriesByName('playbill:search-results').length > 0, undefined, { timeout: 120_000 });
  const openMs = (await page.evaluate(() => performance.getEntriesByName('playbill:search-results')[0]!.startTime)) - openStarted;
  await page.evaluate(() => {
    const field = document.querySelector<HTMLInputElement>('[role="combobox"]')!;
    field.addEventListener('input', () => ((window as unknown as { lastInputAt: number }).lastInputAt = performance.now()));
  });

  const timings: QueryTiming[] = queries.map((query) => ({ query, runs: [], results: 0 }));
  for (let run = 0; run < runs; run++) {
    for (const timing of timings) {
      await input.fill('');
      await page.evaluate(() => performance.clearMarks('playbill:search-results'));
      // A quick typist: one key every 60 ms, so searches start (and are superseded) while typing.
      await input.pressSequentially(timing.query, { delay: 60 });
      const measured = await page.waitForFunction(
        (query) => {
          const mark = performance.getEntriesByName('playbill:search-results').find((entry) => (entry as PerformanceMark).detail?.query === query);
          return mark ? { ms: mark.startTime - (window as unknown as { lastInputAt: number }).lastInputAt, results: document.querySelectorAll('[role="option"]').length } : null;
        },
        timing.query,
        { timeout: 60_000 },
      );
      const { ms, results } = (await measured.jsonValue())!;
      timing.runs.push(round(ms, 1)!);
      timing.results = results;
    }
  }
  await page.keyboard.press('Escape');
  return { openMs, queries: timings, fetchedBytes: fetched.reduce((sum, bytes) => sum + bytes, 0) };
}

/**
 * Queries a reader would type, from the generated content: entity titles (one word and a full
 * name), docs headings, and a word with a typo-free prefix only.
 */
export function benchQueries(titles: string[], headings: string[]): string[] {
  const pick = <T>(list: T[], at: number) => list[Math.floor(list.length * at)]!;
  const title = pick(titles, 0.37);
  const heading = pick(headings, 0.61);
  return [title.split(/[\s-]+/)[0]!, title, heading, pick(headings, 0.23).split(' ').slice(0, 2).join(' '), 'deploy'];
}

function bundleSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

function summarise(report: Record<string, unknown>): { lastLine: string; ok: boolean } {
  const r = report as {
    entities: number;
    docsPages: number;
    build: { wallMs: number };
    index: { pages: number | null; ms: number | null; bytes: number; files: number };
    javascript: Record<'entity' | 'docs' | 'explorer', { gzipBytes: number }>;
    search: { openMs: number; fetchedBytes: number; queries: QueryTiming[] } & ReturnType<typeof coldAndWarm>;
    explorer: { filterMs?: number; pending?: string };
  };
  const within = (value: number, limit: number) => (value <= limit ? 'ok' : 'OVER');
  const rows = [
    ['measure', 'value', 'target'],
    ['build (wall)', `${(r.build.wallMs / 1000).toFixed(1)} s`, ''],
    ['pagefind: pages indexed', String(r.index.pages ?? '—'), ''],
    ['pagefind: index time', r.index.ms === null ? '—' : `${(r.index.ms / 1000).toFixed(2)} s`, ''],
    ['pagefind: bundle size', `${(r.index.bytes / 1e6).toFixed(1)} MB in ${r.index.files} files`, ''],
    ['JS gz, entity page', kB(r.javascript.entity.gzipBytes), `≤ 30 kB ${within(r.javascript.entity.gzipBytes, SEARCH_TARGETS.jsGzipBytes)}`],
    ['JS gz, docs page', kB(r.javascript.docs.gzipBytes), `≤ 30 kB ${within(r.javascript.docs.gzipBytes, SEARCH_TARGETS.jsGzipBytes)}`],
    ['JS gz, catalog explorer', kB(r.javascript.explorer.gzipBytes), ''],
    ['search: open → ready', `${r.search.openMs} ms`, ''],
    ...r.search.queries.map((query) => [`results after typing "${query.query}"`, `${query.runs.map(Math.round).join(' / ')} ms (${query.results} options)`, '']),
    ['results, cold: median / worst', `${r.search.coldMedianMs} / ${r.search.coldWorstMs} ms`, `≤ 150 ms ${within(r.search.coldMedianMs ?? Infinity, SEARCH_TARGETS.resultsMs)}`],
    ['results, warm: median / worst', `${r.search.warmMedianMs} / ${r.search.warmWorstMs} ms`, `≤ 150 ms ${within(r.search.warmMedianMs ?? Infinity, SEARCH_TARGETS.resultsMs)}`],
    ['bytes fetched from pagefind/', kB(r.search.fetchedBytes), ''],
    ['explorer filter', r.explorer.filterMs !== undefined ? `${Math.round(r.explorer.filterMs)} ms` : `pending (${r.explorer.pending})`, r.explorer.filterMs !== undefined ? `≤ 50 ms ${within(r.explorer.filterMs, 50)}` : ''],
  ];
  console.log(`\nsearch: ${r.entities} entities + ${r.docsPages} docs pages`);
  console.log(formatTable(rows));
  const lastLine =
    `search ${r.entities} entities + ${r.docsPages} docs pages: index ${r.index.ms === null ? '—' : (r.index.ms / 1000).toFixed(2)} s, ${(r.index.bytes / 1e6).toFixed(1)} MB; ` +
    `JS gz entity ${kB(r.javascript.entity.gzipBytes)}, docs ${kB(r.javascript.docs.gzipBytes)}, explorer ${kB(r.javascript.explorer.gzipBytes)}; ` +
    `results ${r.search.coldMedianMs} ms cold, ${r.search.warmMedianMs} ms warm (medians)` +
    (r.explorer.filterMs !== undefined ? `; explorer filter ${Math.round(r.explorer.filterMs)} ms` : '');
  return { lastLine, ok: r.index.pages !== null };
}
