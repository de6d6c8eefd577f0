import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import GithubSlugger from 'github-slugger';
import { componentEntityV1alpha1Validator, groupEntityV1alpha1Validator, type Entity } from '@backstage/catalog-model';
import { buildDocsSites, DOCS_OWNER, generateDocs } from '../../support/generate-docs.ts';

const tmpRoots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'playbill-gendocs-'));
  tmpRoots.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpRoots) rmSync(d, { recursive: true, force: true });
});

/** Every file under `dir`, relative path -> content. */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Markdown lines outside fenced code blocks. */
function proseLines(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    else if (!fenced) out.push(line);
  }
  return out;
}

/** Heading slugs of a page, parsed from its markdown (not taken from the generator's metadata). */
function headingSlugs(markdown: string): string[] {
  const slugger = new GithubSlugger();
  return proseLines(markdown)
    .map((l) => /^#{1,6} (.+)$/.exec(l)?.[1])
    .filter((t): t is string => t !== undefined)
    .map((t) => slugger.slug(t));
}

function links(markdown: string): string[] {
  const out: string[] = [];
  for (const line of proseLines(markdown)) for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) out.push(m[1]);
  return out;
}

type Nav = Array<Record<string, string | Nav>>;
function navPaths(nav: Nav, depth = 1, seen: { paths: string[]; maxDepth: number } = { paths: [], maxDepth: 0 }) {
  seen.maxDepth = Math.max(seen.maxDepth, depth);
  for (const item of nav) {
    expect(Object.keys(item)).toHaveLength(1);
    const value = Object.values(item)[0];
    if (typeof value === 'string') seen.paths.push(value);
    else navPaths(value, depth + 1, seen);
  }
  return seen;
}

describe('generateDocs', { timeout: 120_000 }, () => {
  it('is deterministic for a given seed and differs across seeds', () => {
    const [a, b, c] = [tmp(), tmp(), tmp()];
    generateDocs({ pages: 300, dir: a, seed: 7 });
    generateDocs({ pages: 300, dir: b, seed: 7 });
    generateDocs({ pages: 300, dir: c, seed: 8 });
    const ta = readTree(a);
    expect(ta).toEqual(readTree(b));
    expect(ta).not.toEqual(readTree(c));
  });

  it('writes exactly the requested number of pages, ~50 per repo, and returns them all', () => {
    for (const n of [1, 7, 49, 51, 123, 1000]) {
      const dir = tmp();
      const res = generateDocs({ pages: n, dir });
      expect(res.pages).toBe(n);
      expect(res.list).toHaveLength(n);
      expect(res.sites).toBe(Math.max(1, Math.round(n / 50)));
      const repos = readdirSync(dir).sort();
      expect(repos).toHaveLength(res.sites);
      let onDisk = 0;
      for (const repo of repos) {
        const md = [...readTree(join(dir, repo, 'docs')).keys()].filter((f) => f.endsWith('.md'));
        onDisk += md.length;
        expect(md).toContain('index.md');
      }
      expect(onDisk).toBe(n);
      // the returned list is exactly what is on disk (the baselines render the list)
      for (const page of res.list) expect(readFileSync(join(dir, page.repo, 'docs', page.path), 'utf8')).toBe(page.markdown);
      // sizes per site differ by at most one page
      const sizes = res.siteList.map((s) => s.pages.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(buildDocsSites(5000).length).toBe(100);
    expect(() => generateDocs({ pages: 0, dir: tmp() })).toThrow();
  });

  it('resolves every relative link and #anchor to a generated page and heading', () => {
    const dir = tmp();
    const res = generateDocs({ pages: 1000, dir, seed: 3 });
    let crossPage = 0;
    let withAnchor = 0;
    let inPage = 0;
    for (const site of res.siteList) {
      const docsDir = join(dir, site.repo, 'docs');
      const slugs = new Map<string, Set<string>>();
      for (const [path, text] of readTree(docsDir)) slugs.set(path.split('\\').join('/'), new Set(headingSlugs(text)));
      for (const page of site.pages) {
        // the generator's heading metadata matches the markdown, and slugs are what github-slugger makes
        expect(page.headings.map((h) => h.slug)).toEqual(headingSlugs(page.markdown));
        for (const target of links(page.markdown)) {
          expect(target).not.toMatch(/^[a-z]+:/); // no external links: everything is checkable
          const [file, anchor] = target.split('#');
          if (!file) {
            expect(slugs.get(page.path)!.has(anchor), `${site.repo}/${page.path}: #${anchor}`).toBe(true);
            inPage++;
            continue;
          }
          const resolved = posix.normalize(posix.join(posix.dirname(page.path), file));
          expect(resolved.startsWith('../'), `${page.path} -> ${target} leaves docs/`).toBe(false);
          expect(slugs.has(resolved), `${site.repo}/${page.path} -> ${target}`).toBe(true);
          expect(existsSync(join(docsDir, resolved))).toBe(true);
          crossPage++;
          if (anchor !== undefined) {
            expect(slugs.get(resolved)!.has(anchor), `${site.repo}/${page.path} -> ${target}`).toBe(true);
            withAnchor++;
          }
        }
      }
    }
    expect(crossPage).toBeGreaterThan(1000);
    expect(withAnchor).toBeGreaterThan(300);
    expect(inPage).toBeGreaterThan(100);
  });

  it('lists every page exactly once in mkdocs.yml, in nested sections', () => {
    const dir = tmp();
    const res = generateDocs({ pages: 500, dir });
    let deepest = 0;
    for (const site of res.siteList) {
      const mkdocs = parse(readFileSync(join(dir, site.repo, 'mkdocs.yml'), 'utf8')) as { site_name: string; nav: Nav };
      expect(mkdocs.site_name).toBe(site.siteName);
      const { paths, maxDepth } = navPaths(mkdocs.nav);
      deepest = Math.max(deepest, maxDepth);
      const files = [...readTree(join(dir, site.repo, 'docs')).keys()].map((f) => f.split('\\').join('/'));
      expect(new Set(paths).size).toBe(paths.length);
      expect([...paths].sort()).toEqual([...files].sort());
      expect(paths[0]).toBe('index.md');
    }
    expect(deepest).toBe(3); // top level -> section -> subsection
  });

  it('writes pages with the documented features and sizes', () => {
    const res = generateDocs({ pages: 1000, dir: tmp() });
    const langs = new Set<string>();
    let notes = 0;
    let withLists = 0;
    const sizes: number[] = [];
    for (const page of res.list) {
      const md = page.markdown;
      sizes.push(Buffer.byteLength(md));
      const fm = /^---\ntitle: (".*")\ndescription: (".*")\n---\n/.exec(md);
      expect(fm, page.path).not.toBeNull();
      expect(JSON.parse(fm![1])).toBe(page.title);
      const prose = proseLines(md);
      expect(prose.some((l) => l.startsWith('## '))).toBe(true);
      expect(prose.some((l) => l.startsWith('# '))).toBe(false); // the title is the h1
      expect(prose.some((l) => l.startsWith('| --- |'))).toBe(true); // one GFM table
      if (prose.some((l) => /^(-|\d+\.) /.test(l))) withLists++;
      for (const m of md.matchAll(/^```(\w+)$/gm)) langs.add(m[1]);
      expect(md).toMatch(/^```(yaml|bash|ts)$/m);
      if (/^!!! note /m.test(md)) notes++;
    }
    expect([...langs].sort()).toEqual(['bash', 'ts', 'yaml']);
    expect(withLists / res.list.length).toBeGreaterThan(0.5);
    expect(notes / res.list.length).toBeGreaterThan(0.1);
    expect(notes / res.list.length).toBeLessThan(0.3);
    sizes.sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1];
    expect(median).toBeGreaterThan(4500);
    expect(median).toBeLessThan(6500);
    expect(sizes[Math.floor(sizes.length * 0.05)]).toBeGreaterThan(3000);
    expect(sizes[Math.floor(sizes.length * 0.95)]).toBeLessThan(8500);
  });

  it('describes each repo as one valid Component with a techdocs-ref, owned by a group that exists', async () => {
    const dir = tmp();
    const res = generateDocs({ pages: 300, dir });
    const names = new Set<string>();
    for (const [i, site] of res.siteList.entries()) {
      const docs = parseAllDocuments(readFileSync(join(dir, site.repo, 'catalog-info.yaml'), 'utf8')).map((d) => d.toJS() as Entity);
      const components = docs.filter((e) => e.kind === 'Component');
      expect(components).toHaveLength(1);
      const [c] = components;
      expect(await componentEntityV1alpha1Validator.check(c)).toBe(true);
      expect(c.metadata.name).toBe(site.component);
      expect(c.metadata.annotations?.['backstage.io/techdocs-ref']).toBe('dir:.');
      expect(c.spec?.owner).toBe(`group:${DOCS_OWNER}`);
      expect(names.has(c.metadata.name)).toBe(false);
      names.add(c.metadata.name);
      const groups = docs.filter((e) => e.kind === 'Group');
      expect(groups).toHaveLength(i === 0 ? 1 : 0);
      if (i === 0) {
        expect(groups[0].metadata.name).toBe(DOCS_OWNER);
        expect(await groupEntityV1alpha1Validator.check(groups[0])).toBe(true);
      }
    }
  });
});
