import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexSite } from '../../src/search/index-site.ts';
import { makeRepo } from '../support/temp-repos.ts';

const page = (body: string) => `<!doctype html><html lang="en"><head><title>t</title></head><body><header>Chrome</header>${body}</body></html>`;

describe('indexing the built site', () => {
  it('indexes only the pages marked data-pagefind-body and writes the search bundle without pagefind’s own UI', async () => {
    // A temp folder standing for Astro's output.
    const out = await makeRepo({
      'index.html': page('<main><h1>Home</h1></main>'),
      'catalog/default/component/ledger/index.html': page('<main data-pagefind-body><h1>Ledger</h1><span data-pagefind-filter="kind:Component"></span></main>'),
      'docs/default/component/ledger/index.html': page('<main data-pagefind-body><h1>Refunds</h1><p>How refunds post.</p></main>'),
      'docs/default/component/ledger/guides/reversals/index.html': page('<main data-pagefind-body><h1>Reversals</h1></main>'),
    }, 'out');
    const summary = await indexSite(out.dir);
    expect(summary.pages).toBe(3);
    const files = await readdir(join(out.dir, 'pagefind'));
    expect(files).toContain('pagefind.js');
    expect(files.some((file) => file.endsWith('.pf_meta'))).toBe(true);
    expect(files.filter((file) => /-ui\.|highlight/.test(file))).toEqual([]);
    expect(summary.files).toBeGreaterThanOrEqual(files.length);
    expect(summary.bytes).toBeGreaterThan(0);
    const filters = await readdir(join(out.dir, 'pagefind', 'filter'));
    expect(filters.length).toBe(1);
    expect(JSON.parse(await readFile(join(out.dir, 'pagefind', 'pagefind-entry.json'), 'utf8')).languages.en.page_count).toBe(3);
  });

  it('does not read pages that are neither entity nor docs pages, such as an entity tab', async () => {
    // Marked for the index here only to show it is never read: tabs, plugin pages and the catalog index carry no body.
    const out = await makeRepo({
      'catalog/default/component/ledger/index.html': page('<main data-pagefind-body><h1>Ledger</h1></main>'),
      'catalog/default/component/ledger/api-reference/index.html': page('<main data-pagefind-body><h1>Ledger API</h1></main>'),
      'plugins/catalog-graph/index.html': page('<main data-pagefind-body><h1>Graph</h1></main>'),
    }, 'out');
    expect((await indexSite(out.dir)).pages).toBe(1);
  });

  it('fails with the file system’s error, before pagefind starts, when the bundle folder cannot be created', async () => {
    // pagefind's own process panics in this case and its Node API never answers.
    const out = await makeRepo({ 'index.html': page('<main data-pagefind-body>x</main>') }, 'out');
    await expect(indexSite(join(out.dir, 'index.html'))).rejects.toThrow(/ENOTDIR/);
  });
});
