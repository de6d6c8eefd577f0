import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RenderContext, RenderedDoc } from '../../../src/docs/render/index.ts';
import { renderMarkdown } from '../../../src/docs/render/index.ts';
import { proseText } from './helpers.ts';

// Real TechDocs folders, read in place (CI has ../shared beside the clone; a user's clone may not).
const corpus = fileURLToPath(new URL('../../../../shared/corpus/techdocs', import.meta.url));
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the renderer corpus test: ${corpus} is absent (it ships beside the project in CI only).`);

function markdownFiles(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownFiles(path, into);
    else if (name.endsWith('.md')) into.push(path);
  }
  return into;
}

/** Includes resolve inside this corpus repo only: relative to the including file, then to the repo root (snippets). */
function contextFor(repoDir: string, file: string, included: Set<string>): RenderContext {
  return {
    file,
    readInclude(from, target) {
      for (const candidate of [posix.join(posix.dirname(from), target), posix.normalize(target)]) {
        if (candidate.startsWith('..') || posix.isAbsolute(candidate)) continue;
        const full = join(repoDir, ...candidate.split('/'));
        if (existsSync(full) && statSync(full).isFile()) {
          included.add(candidate);
          return { path: candidate, text: readFileSync(full, 'utf8') };
        }
      }
      return { error: `"${target}" does not exist in this repo` };
    },
    rewriteUrl: (url) => url,
  };
}

const sites = present ? readdirSync(corpus).filter((name) => existsSync(join(corpus, name, 'docs'))).sort() : [];

describe.skipIf(!present)('the real TechDocs corpus renders cleanly', () => {
  it.each(sites)('%s', async (site) => {
    const repoDir = join(corpus, site);
    const included = new Set<string>();
    const pages = new Map<string, RenderedDoc>();
    for (const path of markdownFiles(join(repoDir, 'docs'))) {
      const file = relative(repoDir, path).split(sep).join('/');
      const doc = await renderMarkdown(readFileSync(path, 'utf8'), contextFor(repoDir, file, included));
      pages.set(file, doc);

      // The only errors allowed are genuinely missing includes (source files the corpus did not copy).
      const unexpected = doc.problems.filter((problem) => !/^Include ".*" could not be read: ".*" does not exist in this repo\.$/.test(problem.message));
      expect(unexpected, file).toEqual([]);
      const text = proseText(doc.html);
      for (const leftover of ['!!!', '???', '===', '--8<--', '{%', '%}']) expect(text.includes(leftover), `${leftover} left in ${file}`).toBe(false);
      expect(doc.html).not.toMatch(/<script|<style|data-pb=/);
    }
    // Every page has headings; partials that only exist to be included (docs/common/*) need not.
    for (const [file, doc] of pages) {
      if (!included.has(file)) expect(doc.headings.length, `headings of ${file}`).toBeGreaterThan(0);
    }
    expect(pages.size).toBeGreaterThan(0);
  });

  it('pastes the sda snippets and reports only the source files that were not copied', async () => {
    if (!sites.includes('sda-spring-boot-commons')) return;
    const repoDir = join(corpus, 'sda-spring-boot-commons');
    const doc = await renderMarkdown(readFileSync(join(repoDir, 'docs', 'starter-web.md'), 'utf8'), contextFor(repoDir, 'docs/starter-web.md', new Set()));
    expect(doc.html).toContain('<code>auth.issuers</code>'); // from doc-snippets/config-starter-web.md
    expect(doc.problems.length).toBeGreaterThan(0);
    expect(doc.problems.every((problem) => problem.severity === 'error' && problem.file === 'docs/starter-web.md')).toBe(true);
  });

  it('expands the diamond include-markdown partials with their heading offsets', async () => {
    if (!sites.includes('diamond-developer-portal')) return;
    const repoDir = join(corpus, 'diamond-developer-portal');
    const doc = await renderMarkdown(readFileSync(join(repoDir, 'docs', 'how-tos', 'register-a-component.md'), 'utf8'), contextFor(repoDir, 'docs/how-tos/register-a-component.md', new Set()));
    expect(doc.problems).toEqual([]);
    // `# Create an Entity Descriptor` in docs/common, included with heading-offset=1.
    expect(doc.headings).toContainEqual({ depth: 2, id: 'create-an-entity-descriptor', text: 'Create an Entity Descriptor' });
    expect(doc.headings.filter((heading) => heading.depth === 1)).toEqual([{ depth: 1, id: 'register-a-component', text: 'Register a Component' }]);
  });
});
