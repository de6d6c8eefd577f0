/**
 * `npm run bench`: build-speed benchmarks against baselines. See BENCHMARKS.md.
 *
 *   node bench/run.ts [--entities 2000] [--docs [5000]] [--search [10000,5000]] [--plugins [2000]] [--runs 1] [--keep] [--seed 1]
 *                         [--only playbill,playbill-catalog,plain,plain-search,starlight,starlight-site] [--profile] [--in-place]
 *
 * Catalog (the default, or with --entities N): the same synthetic Backstage catalog built by
 * Playbill and by a plain-Astro baseline (bench/plain-astro, catalog mode). Last stdout line:
 *   catalog <N> entities: playbill <ratio>x plain astro
 * Results: bench-out/bench-results.json (and bench-results-<N>.json).
 *
 * Docs (--docs N, N = 5000 when omitted; --docs 5000,10000 runs both sizes and prints the
 * scaling): the same synthetic TechDocs markdown built by Playbill, by a plain-Astro project
 * (bench/plain-astro, docs mode), by a default Starlight site (bench/starlight-docs) and by the same
 * Starlight site with per-site sidebars (`starlight-site`). Last line:
 *   docs <N> pages: playbill <ratio>x plain astro, <ratio>x starlight
 * Results: bench-out/bench-docs-results.json (and bench-docs-results-<N>.json).
 *
 * Search (--search [ENTITIES,DOCS], 10000,5000 when omitted): one Playbill build of a synthetic
 * organisation plus TechDocs, then in Chromium: pagefind index time and size, gzipped JavaScript
 * of an entity page, a docs page and the catalog explorer, time from typing to results, and the
 * explorer's filter time (bench/search.ts). Last line:
 *   search <E> entities + <D> docs pages: index <s> s, <MB>; JS gz entity <kB>, ...; results <ms> ms cold, <ms> ms warm (medians)
 * Results: bench-out/bench-search-results.json.
 *
 * Plugins (--plugins [N], N = 2000 when omitted): the plugin stage (GitHub and Kubernetes plugins,
 * default fetch policy) over a synthetic organisation of N entities against local mock services
 * answering after 20 ms, with a fresh cache, then again with that cache (bench/plugins.ts).
 * Compares the stage's wall time with the ideal requests / concurrency x latency. Last line:
 *   plugins <N> entities: <ratio>x ideal (<R> requests, concurrency 6, 20 ms), cached rebuild <R2> requests
 * Results: bench-out/bench-plugins-results.json (and bench-plugins-results-<N>.json).
 *
 * With both --entities and --docs the catalog bench runs first, so the docs line is last; the
 * search bench runs after both, and the plugins bench last.
 * The table goes to stdout; progress goes to stderr.
 *
 * By default each build runs in a fresh snapshot of its project (working-tree files copied to
 * the temp dir, node_modules symlinked package by package), so it starts without Astro's and
 * Vite's caches and cannot collide with other builds in this checkout; each tool's copy is
 * remade at the same path every run, so Node's compile cache serves the tool's own modules as it
 * serves the packages'. --in-place builds in the checkout instead.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { liveTempDirs, log } from './common.ts';
import { stopActiveBuilds } from './measure.ts';
import { CATALOG_TOOLS, runCatalogBench } from './catalog.ts';
import { DOCS_TOOLS, runDocsBench, type DocsBenchResult, type DocsTool } from './docs.ts';
import { runSearchBench } from './search.ts';

const USAGE =
  'usage: node bench/run.ts [--entities 2000] [--docs [5000][,10000]] [--search [10000,5000]] [--plugins [2000]] [--runs 1] [--keep] [--seed 1]\n' +
  '                             [--only playbill,playbill-catalog,plain,plain-search,starlight,starlight-site] [--profile] [--in-place]\n';

// `--docs` with no number (last argument, or followed by another flag) means 5000; `--search` alone, 10000 entities + 5000 docs pages;
// `--plugins` alone, 2000 entities
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--docs' && (i + 1 >= argv.length || argv[i + 1].startsWith('-'))) argv.splice(i + 1, 0, '5000');
  if (argv[i] === '--search' && (i + 1 >= argv.length || argv[i + 1].startsWith('-'))) argv.splice(i + 1, 0, '10000,5000');
  if (argv[i] === '--plugins' && (i + 1 >= argv.length || argv[i + 1].startsWith('-'))) argv.splice(i + 1, 0, '2000');
}

const { values: flags } = parseArgs({
  args: argv,
  options: {
    entities: { type: 'string' },
    docs: { type: 'string' },
    search: { type: 'string' },
    plugins: { type: 'string' },
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
  process.stdout.write(USAGE);
  process.exit(0);
}

const runCatalog = flags.entities !== undefined || (flags.docs === undefined && flags.search === undefined && flags.plugins === undefined);
const pluginEntities = flags.plugins === undefined ? undefined : Number(flags.plugins);
if (pluginEntities !== undefined && (!Number.isInteger(pluginEntities) || pluginEntities < 7)) throw new Error('--plugins takes a number of entities >= 7 (e.g. --plugins 2000)');
const searchSize = flags.search?.split(',').map(Number);
if (searchSize && (searchSize.length !== 2 || !Number.isInteger(searchSize[0]) || searchSize[0] < 7 || !Number.isInteger(searchSize[1]) || searchSize[1] < 1)) {
  throw new Error('--search takes ENTITIES,DOCS_PAGES (e.g. --search 300,100), entities >= 7');
}
const entities = Number(flags.entities ?? '2000');
const docSizes = flags.docs === undefined ? [] : flags.docs.split(',').map(Number);
const runs = Number(flags.runs);
const seed = Number(flags.seed);
if (runCatalog && (!Number.isInteger(entities) || entities < 7)) throw new Error(`--entities must be an integer >= 7`);
if (docSizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--docs must be a positive integer (or a comma-separated list)`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);

const only = flags.only?.split(',').map((s) => s.trim()).filter(Boolean);
for (const t of only ?? []) {
  if (!new Set<string>([...DOCS_TOOLS, ...CATALOG_TOOLS]).has(t)) throw new Error(`--only takes playbill, playbill-catalog, plain, plain-search, starlight, starlight-site (comma-separated), got "${t}"`);
}
const catalogTools = CATALOG_TOOLS.filter((t) => !only || only.includes(t));
const docsTools = DOCS_TOOLS.filter((t: DocsTool) => !only || only.includes(t));
if (runCatalog && !catalogTools.length && !docSizes.length) throw new Error('--only starlight(-site) only applies to --docs');

// Interrupted (Ctrl-C, or a SIGTERM from elsewhere on a shared machine): stop the running build's
// whole process group rather than leave it running orphaned, and drop the temp dirs. Runs that
// completed are in bench-out/bench-docs-partial-<N>.json.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the running build and exiting`);
    stopActiveBuilds('SIGTERM');
    if (!flags.keep) for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal]);
  });
}

const common = { runs, seed, keep: flags.keep, profile: flags.profile, inPlace: flags['in-place'] };
let ok = true;

if (runCatalog && catalogTools.length) {
  const res = await runCatalogBench({ ...common, entities, tools: catalogTools });
  ok &&= res.ok;
  // alone, the catalog line is the last line, as it always was; with --docs, the docs line follows
  console.log(res.lastLine);
}

const docsResults: DocsBenchResult[] = [];
for (const [i, pages] of docSizes.entries()) {
  const res = await runDocsBench({ ...common, pages, tools: docsTools });
  docsResults.push(res);
  ok &&= res.ok;
  // scaling check between the first and each later size (target: 2x pages in <= 2.2x time)
  if (i > 0) {
    const first = docsResults[0];
    for (const s of res.summaries) {
      const base = first.summaries.find((x) => x.tool === s.tool);
      if (!s.ok || !base?.ok || !s.medianWallMs || !base.medianWallMs) continue;
      const x = s.medianWallMs / base.medianWallMs;
      console.log(`docs scaling ${s.tool}: ${res.pages} / ${first.pages} pages took ${x.toFixed(2)}x the time (${(s.medianWallMs / 1000).toFixed(2)} s / ${(base.medianWallMs / 1000).toFixed(2)} s)`);
    }
  }
  console.log(res.lastLine);
}

if (searchSize) {
  const res = await runSearchBench({ entities: searchSize[0]!, docs: searchSize[1]!, seed, keep: flags.keep, inPlace: flags['in-place'] });
  ok &&= res.ok;
  console.log(res.lastLine);
}

if (pluginEntities !== undefined) {
  // Loaded on use: it imports the pipeline and the plugins, which the other benches do not need.
  const { runPluginsBench } = await import('./plugins.ts');
  const res = await runPluginsBench({ entities: pluginEntities, seed, runs, keep: flags.keep });
  ok &&= res.ok;
  console.log(res.lastLine);
}

// non-zero when a build that ran failed; a Playbill CLI (or docs rendering) that does not exist yet is only "pending"
process.exitCode = ok ? 0 : 1;
