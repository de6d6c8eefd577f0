/**
 * The catalog explorer's filtering time, measured in Chromium on a built site.
 *
 * `measureExplorerFilter(page, url)` opens the explorer, waits for its data, then times two
 * changes in the page itself: checking a facet value (a click on its checkbox) and typing a word
 * into the text filter (one input event). Each is timed from just before the change to the next
 * painted frame after React has committed the result (the island's `explorer-rendered` event,
 * then a requestAnimationFrame and a message, which runs after that frame's paint). The budget
 * (BENCHMARKS.md) is 50 ms at 10,000 entities.
 *
 * CLI, to check it on a small organisation (generates, builds and serves it, then measures):
 *   node bench/explorer.ts --entities 300 [--runs 5]
 *   node bench/explorer.ts --url http://localhost:4321/catalog/   # an already served site
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { generateOrg } from '../support/generate-org.ts';
import { serveStatic } from '../support/static-server.ts';
import { BENCH_CONFIG } from './common.ts';

export interface ExplorerFilterTiming {
  /** Navigation start → the explorer's first rows on screen (fetch, parse, index, first render). */
  loadMs: number;
  /** Navigation start → the island hydrated and started fetching explorer.json (client:idle). */
  hydratedMs: number;
  /** Navigation start → explorer.json fetched, parsed and indexed. */
  dataMs: number;
  /** Checking a facet value → the next painted frame (median of the runs). */
  facetMs: number;
  /** Typing a word into the text filter → the next painted frame (median of the runs). */
  textMs: number;
  /** The slower of facetMs and textMs: the figure held against the budget. */
  filterMs: number;
  /** Every run's facet and text timings, in order. */
  runs: { facetMs: number; textMs: number }[];
  entities: number;
  /** Rows matching after the facet, and after facet and text. */
  facetResults: number;
  textResults: number;
  /** Table rows in the DOM after filtering (the virtualised window, spacer rows excluded). */
  renderedRows: number;
  /** Size of explorer.json as the browser received it (bytes, before any content decoding). */
  dataBytes: number;
}

export interface MeasureOptions {
  /** Facet legend and value label to check. Default: Kind, its most frequent value. */
  facet?: string;
  value?: string;
  /** Word typed into the text filter. Default: a word from the first listed entity's name. */
  text?: string;
  /** Repetitions; each checks the facet, types the text, then clears both. Default 3. */
  runs?: number;
}

export async function measureExplorerFilter(page: Page, url: string, options: MeasureOptions = {}): Promise<ExplorerFilterTiming> {
  await page.goto(url);
  await page.locator('section.explorer').waitFor({ timeout: 120_000 });
  const load = await page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    const data = performance.getEntriesByType('resource').find((entry) => entry.name.includes('explorer.json')) as PerformanceResourceTiming | undefined;
    return { loadMs: mark('playbill:explorer-ready'), hydratedMs: mark('playbill:explorer-fetch'), dataMs: mark('playbill:explorer-data'), dataBytes: data?.encodedBodySize ?? 0 };
  });

  const runs: { facetMs: number; textMs: number }[] = [];
  let facetResults = 0;
  let textResults = 0;
  for (let run = 0; run < (options.runs ?? 3); run++) {
    const timing = await page.evaluate(timeChanges, { facet: options.facet ?? 'Kind', value: options.value ?? null, text: options.text ?? null });
    runs.push({ facetMs: timing.facetMs, textMs: timing.textMs });
    facetResults = timing.facetResults;
    textResults = timing.textResults;
  }
  // Counted while the last run's filters are applied, before clearing them.
  const renderedRows = await page.evaluate(() => document.querySelectorAll('section.explorer tbody tr:not(.explorer-spacer)').length);
  await page.evaluate(resetExplorer);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const facetMs = median(runs.map((run) => run.facetMs));
  const textMs = median(runs.map((run) => run.textMs));
  const entities = await page.evaluate(() => Number(document.querySelector('section.explorer')?.getAttribute('data-total') ?? 0));
  return { ...load, facetMs, textMs, filterMs: Math.max(facetMs, textMs), runs, entities, facetResults, textResults, renderedRows, dataBytes: load.dataBytes };
}

/**
 * Runs in the page: checks the facet value, then types the text, timing each to the next painted
 * frame; leaves both applied (the caller counts rendered rows), and clears them on the next call.
 */
async function timeChanges({ facet, value, text }: { facet: string; value: string | null; text: string | null }) {
  const section = document.querySelector<HTMLElement>('section.explorer')!;
  const input = section.querySelector<HTMLInputElement>('input[type="search"]')!;
  const setInput = (next: string) => {
    // React tracks the value it last set; the native setter makes the change visible to it.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, next);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const group = [...section.querySelectorAll('fieldset')].find((fieldset) => fieldset.querySelector('legend')?.textContent === facet);
  if (!group) throw new Error(`The explorer has no facet "${facet}"`);
  const checkboxOf = () => {
    const labels = [...group.querySelectorAll('label')];
    const label = value ? labels.find((candidate) => candidate.querySelector('.facet-label')?.textContent === value) : labels[0];
    if (!label) throw new Error(`Facet "${facet}" has no value "${value}"`);
    return label.querySelector('input')!;
  };
  // Start from everything: undo the previous run.
  if (input.value) setInput('');
  for (const checked of section.querySelectorAll<HTMLInputElement>('fieldset input:checked')) checked.click();
  await new Promise((resolve) => requestAnimationFrame(resolve));

  const painted = () =>
    new Promise<{ at: number; results: number }>((resolve) => {
      section.addEventListener(
        'explorer-rendered',
        (event) => {
          const results = (event as CustomEvent<{ results: number }>).detail.results;
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ at: performance.now(), results });
            channel.port2.postMessage(null);
          });
        },
        { once: true },
      );
    });
  const time = async (change: () => void) => {
    const done = painted();
    const started = performance.now();
    change();
    const { at, results } = await done;
    return { ms: at - started, results };
  };

  const checkbox = checkboxOf();
  const facetTiming = await time(() => checkbox.click());
  const word = text ?? section.querySelector('tbody th a')?.textContent?.split(/[\s-]+/)[0]?.toLowerCase() ?? 'a';
  const textTiming = await time(() => setInput(word));
  return { facetMs: facetTiming.ms, textMs: textTiming.ms, facetResults: facetTiming.results, textResults: textTiming.results };
}

function resetExplorer() {
  const section = document.querySelector<HTMLElement>('section.explorer')!;
  const input = section.querySelector<HTMLInputElement>('input[type="search"]')!;
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '');
  input.dispatchEvent(new Event('input', { bubbles: true }));
  for (const checked of section.querySelectorAll<HTMLInputElement>('fieldset input:checked')) checked.click();
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { entities: { type: 'string' }, url: { type: 'string' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } } });
  const root = fileURLToPath(new URL('..', import.meta.url));
  let url = values.url;
  let cleanup = async () => {};
  if (!url) {
    const entities = Number(values.entities ?? 300);
    const dir = mkdtempSync(join(tmpdir(), 'playbill-explorer-bench-'));
    generateOrg({ dir: join(dir, 'org'), entities, seed: Number(values.seed) });
    process.stderr.write(`[bench] building ${entities} entities…\n`);
    execFileSync(process.execPath, ['scripts/playbill.ts', 'build', '--config', BENCH_CONFIG, '--repos', join(dir, 'org'), '--out', join(dir, 'site')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const server = await serveStatic(join(dir, 'site'), '/');
    url = `${server.url}catalog/`;
    cleanup = async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    console.log(JSON.stringify(await measureExplorerFilter(page, url, { runs: Number(values.runs) }), null, 2));
  } finally {
    await browser.close();
    await cleanup();
  }
}
