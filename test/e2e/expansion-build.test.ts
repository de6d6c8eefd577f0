import { access, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemsFileSchema } from '../../src/catalog/problems.ts';
import type { Problem } from '../../src/vocabulary/problems.ts';
import { buildSite, readCatalogFile } from '../support/build-site.ts';
import { doublingThirtyTimes, longStringAliased, nineByNine, snippetFanOut } from '../support/expansion-bombs.ts';
import { makeRepos, yaml } from '../support/temp-repos.ts';

const component = (name: string, extra = '') => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ${name}
    annotations: { backstage.io/techdocs-ref: "dir:." }
  spec:
    type: service
    lifecycle: production
    owner: user:ada
` + extra;

/** Forty dense flowcharts under the one-diagram limit, as in the report (about 150 KB). */
function fortyDenseFlowcharts(): string {
  const parts = ['# Diagrams', ''];
  for (let diagram = 1; diagram <= 40; diagram++) {
    let state = diagram;
    const node = () => Math.floor((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 16) % 25;
    parts.push(`## Part ${diagram}`, '', '```mermaid', 'flowchart TD', ...Array.from({ length: 190 }, () => `  d${diagram}n${node()} --> d${diagram}n${node()}`), '```', '');
  }
  return parts.join('\n');
}

let outDir: string;
let code: number;
let stderr: string;
let problems: Problem[];
let seconds: number;

beforeAll(async () => {
  const { root } = await makeRepos({
    healthy: {
      'catalog-info.yaml': component('healthy-service'),
      'docs/index.md': '# Healthy service\n\nEverything is fine here.\n',
    },
    hostile: {
      'catalog-info.yaml': [
        component('hostile-but-fine'),
        component('nine-by-nine', `  bomb:\n${nineByNine('    ')}\n`),
        component('doubling', `  bomb:\n${doublingThirtyTimes('    ')}\n`),
        component('wide-yaml', '  definition:\n    $yaml: ./wide.yaml\n'),
      ].join('---\n'),
      'wide.yaml': longStringAliased(99),
      'mkdocs.yml': `site_name: Hostile\nextra:\n${doublingThirtyTimes('  ')}\n`,
      'docs/index.md': '# Hostile docs\n\nThe healthy page of a hostile site.\n',
      'docs/bomb.md': '# Include bomb\n\n--8<-- "snippets/s1.md"\n\nAfter the bomb.\n',
      'docs/front.md': `---\n${longStringAliased(49, 50_000)}\n---\n# Front matter bomb\n\nBody.\n`,
      'docs/diagrams.md': fortyDenseFlowcharts(),
      'docs/guide/.pages': `${nineByNine()}\nnav: [b.md, a.md]\n`,
      'docs/guide/a.md': '# A\n',
      'docs/guide/b.md': '# B\n',
      ...snippetFanOut((target) => `--8<-- "snippets/${target}"`, 'snippets'),
    },
  });
  const started = performance.now();
  const result = await buildSite(['--repos', root, '--no-search']);
  seconds = (performance.now() - started) / 1000;
  ({ outDir, code, stderr } = result);
  problems = code === 0 ? problemsFileSchema.parse(JSON.parse(await readFile(join(outDir, 'problems.json'), 'utf8'))).problems : [];
}, 300_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const located = (file: string, code: string) => problems.filter((problem) => problem.repo === 'hostile' && problem.file === file && problem.code === code);

describe('a build with every expansion bomb beside a healthy repo', () => {
  it('completes (non-strict) in bounded time', () => {
    expect(code, stderr).toBe(0);
    expect(seconds).toBeLessThan(240);
  });

  it('reports each alias bomb of the descriptor at its document, the $yaml bomb at its placeholder', () => {
    const expands = expect.stringMatching(/^YAML document not loaded: with its aliases written out it expands to more than 50,000 values/);
    expect(located('catalog-info.yaml', 'yaml-syntax')).toMatchObject([
      { severity: 'error', line: 11, column: 1, message: expands },
      { severity: 'error', line: 32, column: 1, message: expands },
    ]);
    expect(located('catalog-info.yaml', 'substitution-failed')).toMatchObject([{ line: 84, column: 5, entityRef: 'component:default/wide-yaml', message: expect.stringContaining('$yaml target "./wide.yaml" was not used') }]);
  });

  it('reports the docs bombs, each located: mkdocs.yml, .pages, front matter, the include that crossed the budget, the diagrams past the budget', () => {
    expect(located('mkdocs.yml', 'docs-config-invalid')).toMatchObject([{ line: 1, message: expect.stringContaining('YAML document not loaded') }]);
    expect(located('docs/guide/.pages', 'docs-nav')).toMatchObject([{ line: 1, message: expect.stringContaining('YAML document not loaded') }]);
    expect(located('docs/front.md', 'docs-render')).toMatchObject([{ severity: 'error', line: 2, message: expect.stringContaining('Front matter was not read') }]);
    const includes = problems.filter((problem) => problem.code === 'docs-render' && problem.file.startsWith('snippets/'));
    expect(includes).toMatchObject([{ severity: 'error', message: expect.stringContaining('would be include number 201 of this page') }]);
    expect(includes[0]!.line).toBeGreaterThan(0);
    const diagrams = located('docs/diagrams.md', 'docs-render');
    expect(diagrams.length).toBeGreaterThan(30);
    for (const problem of diagrams) expect(problem).toMatchObject({ severity: 'warning', message: expect.stringContaining('the most one page lays out') });
  });

  it('keeps every healthy entity and page, and nothing of the bombs reaches catalog.json', async () => {
    const catalog = await readCatalogFile(outDir);
    expect(catalog.entities.map((entity) => entity.metadata.name).sort()).toEqual(['healthy-service', 'hostile-but-fine']);
    expect((await stat(join(outDir, 'catalog.json'))).size).toBeLessThan(100_000);
    for (const page of ['catalog/default/component/healthy-service/index.html', 'catalog/default/component/hostile-but-fine/index.html']) await access(join(outDir, page));
    expect(await readFile(join(outDir, 'docs/default/component/healthy-service/index.html'), 'utf8')).toContain('Everything is fine here.');
    expect(await readFile(join(outDir, 'docs/default/component/hostile-but-fine/index.html'), 'utf8')).toContain('The healthy page of a hostile site.');
    expect(await readFile(join(outDir, 'docs/default/component/hostile-but-fine/bomb/index.html'), 'utf8')).toContain('After the bomb.');
    const diagrams = await readFile(join(outDir, 'docs/default/component/hostile-but-fine/diagrams/index.html'), 'utf8');
    expect(diagrams).toContain('Part 40');
    expect(diagrams).toContain('<figure class="mermaid"><svg');
    for (const page of ['front', 'guide/a', 'guide/b']) await access(join(outDir, `docs/default/component/hostile-but-fine/${page}/index.html`));
  });
});
