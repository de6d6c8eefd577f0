import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { buildDocs } from '../../src/docs/build-docs.ts';
import { entityLinker } from '../../src/catalog/entity-link.ts';

// Real TechDocs folders, read in place (CI has ../shared beside the clone; a user's clone may not).
const corpus = fileURLToPath(new URL('../../../shared/corpus/techdocs', import.meta.url));
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the TechDocs corpus test: ${corpus} is absent (it ships beside the project in CI only).`);

async function buildCorpusSite(name: string) {
  const repo = { name, dir: join(corpus, name) };
  const catalog = await loadCatalog([repo], { catalogFiles: [], customKinds: [], maxFileBytes: 1024 * 1024 });
  const outDir = await mkdtemp(join(tmpdir(), 'playbill-corpus-docs-'));
  try {
    const docs = await buildDocs(catalog.entities, [repo], entityLinker(catalog.entities), {
      maxFileBytes: 1024 * 1024, base: '/', outDir, allowIframes: false, trustedRepos: [], unreferenced: false,
    });
    const html = await Promise.all(docs.pages.map((page) => readFile(page.htmlFile, 'utf8')));
    return { docs, html };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** `file:line` of the genuine broken links listed in the corpus SOURCE.md. */
const knownBrokenLinks: Record<string, string[]> = {
  'backstage-documented-component': [],
  'mkdocs-material-reference': [
    'admonitions.md:31', 'admonitions.md:32', 'admonitions.md:33', 'admonitions.md:104', 'admonitions.md:106', 'admonitions.md:539',
    'annotations.md:30', 'annotations.md:31', 'annotations.md:32', 'annotations.md:70', 'annotations.md:71',
    'code-blocks.md:42', 'code-blocks.md:43', 'code-blocks.md:44', 'code-blocks.md:45', 'code-blocks.md:161', 'code-blocks.md:510', 'code-blocks.md:512',
    'content-tabs.md:30', 'content-tabs.md:31', 'content-tabs.md:69', 'content-tabs.md:99', 'content-tabs.md:100', 'content-tabs.md:101',
    'data-tables.md:13', 'data-tables.md:29', 'data-tables.md:55', 'data-tables.md:184',
    'diagrams.md:45', 'diagrams.md:46', 'footnotes.md:27', 'formatting.md:35', 'formatting.md:36', 'formatting.md:37', 'lists.md:30', 'lists.md:31',
  ],
  'sda-spring-boot-commons': ['migration-4-to-5.md:17', 'migration-6-to-7.md:66'],
  'diamond-developer-portal': ['index.md:16', 'index.md:18', 'index.md:20', 'index.md:22'],
};

describe.skipIf(!present)('the real TechDocs corpus', () => {
  for (const [name, broken] of Object.entries(knownBrokenLinks)) {
    it(`builds ${name} with only its genuine broken links reported`, async () => {
      const { docs, html } = await buildCorpusSite(name);
      // Several entities may reference the same folder (diamond's System and Components): each gets its site.
      expect(docs.sites.length).toBeGreaterThanOrEqual(1);
      expect(new Set(docs.sites.map((site) => site.path)).size).toBe(docs.sites.length);
      expect(docs.pages.length).toBeGreaterThan(3);
      const linkProblems = docs.problems.filter((problem) => ['broken-link', 'missing-asset'].includes(problem.code)).map((problem) => `${problem.file.replace(/^docs\//, '')}:${problem.line}`);
      expect([...new Set(linkProblems)].sort()).toEqual([...broken].sort());
      const others = docs.problems.filter((problem) => !['broken-link', 'missing-asset'].includes(problem.code));
      if (name === 'sda-spring-boot-commons') {
        // 29 snippet includes name source files that were not copied into the corpus.
        expect(others.every((problem) => problem.code === 'docs-render' && /include|snippet/i.test(problem.message))).toBe(true);
        expect(others).toHaveLength(29);
      } else if (name === 'mkdocs-material-reference') {
        // Anchors made by Material's own site tooling (`#+type:abstract`) and by pymdownx's combined tab slugs,
        // which exist only on squidfunk's site: genuinely broken here, and reported.
        expect(others.map((problem) => `${problem.code} ${problem.file}:${problem.line}`)).toEqual([
          'broken-anchor docs/admonitions.md:322',
          'broken-anchor docs/content-tabs.md:67',
        ]);
      } else {
        expect(others).toEqual([]);
      }
      for (const page of html) {
        expect(page).not.toMatch(/<script/);
        // mkdocs syntax must be converted, except where a page shows it as code.
        const prose = page.replace(/<pre[\s\S]*?<\/pre>|<code[\s\S]*?<\/code>/g, '');
        expect(prose).not.toMatch(/^!!! |^=== "|--8<--/m);
      }
    });
  }
});
