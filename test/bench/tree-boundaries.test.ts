import { describe, expect, it } from 'vitest';
import { importsOfSource, readSourceImports, type SourceImport } from '../architecture/source-imports.ts';
import { projectRoot } from '../support/build-site.ts';

/**
 * Benchmarks and tests apart from the product: the product (src/, integrations/, scripts/) imports neither, and
 * what benches and tests share lives in support/, which imports neither of them, so neither imports the other's tree.
 */
const rules: readonly { from: string; never: readonly string[] }[] = [
  { from: 'src/', never: ['bench/', 'support/', 'test/'] },
  { from: 'integrations/', never: ['bench/', 'support/', 'test/'] },
  { from: 'scripts/', never: ['bench/', 'support/', 'test/'] },
  { from: 'support/', never: ['bench/', 'test/'] },
  { from: 'bench/', never: ['test/'] },
  { from: 'test/', never: ['bench/'] },
];

function crossings(imports: readonly SourceImport[]): string[] {
  return imports.flatMap(({ file, specifier, target, local }) => {
    const rule = rules.find(({ from }) => file.startsWith(from));
    return local && rule?.never.some((folder) => target.startsWith(folder)) ? [`${file} imports '${specifier}'`] : [];
  });
}

describe('benchmarks and tests apart from the product', () => {
  it('holds on the tree: the product imports no bench, test or support code, and benches and tests meet only in support/', async () => {
    const imports = await readSourceImports(projectRoot, ['src', 'integrations', 'scripts', 'bench', 'support', 'test']);
    // the scan saw what it is about: benches and tests both using support/, the baseline projects' .astro pages
    expect(imports.some(({ file, target }) => file.startsWith('bench/') && target.startsWith('support/'))).toBe(true);
    expect(imports.some(({ file, target }) => file.startsWith('test/') && target.startsWith('support/'))).toBe(true);
    expect(imports.some(({ file }) => file.startsWith('bench/plain-astro/') && file.endsWith('.astro'))).toBe(true);
    expect(crossings(imports)).toEqual([]);
  });

  it('refuses each crossing, static, dynamic or type-only, and allows the imports the layout is for', () => {
    const cases: [string, string][] = [
      ['src/search/index-site.ts', "import { generateOrg } from '../../support/generate-org.ts';"],
      ['integrations/playbill.ts', "const bench = () => import('../bench/common.ts');"],
      ['scripts/playbill.ts', "import type { Measurement } from '../bench/measure.ts';"],
      ['support/page-weight.ts', "import { launchChromium } from '../test/support/browser.ts';"],
      ['support/generate-org.ts', "import { root } from '../bench/common.ts';"],
      ['bench/plugin-services.ts', "import type { MockRepo } from '../test/support/mock-services/github.ts';"],
      ['test/browser/search.test.ts', "import { javascriptShipped } from '../../bench/search.ts';"],
      ['bench/search.ts', "import { serveStatic } from '../support/static-server.ts';"],
      ['test/bench/generate-org.test.ts', "import { generateOrg } from '../../support/generate-org.ts';"],
      ['bench/plugins.ts', "import { runPipeline } from '../src/pipeline.ts';"],
    ];
    expect(crossings(cases.flatMap(([file, text]) => importsOfSource(file, text)))).toEqual([
      "src/search/index-site.ts imports '../../support/generate-org.ts'",
      "integrations/playbill.ts imports '../bench/common.ts'",
      "scripts/playbill.ts imports '../bench/measure.ts'",
      "support/page-weight.ts imports '../test/support/browser.ts'",
      "support/generate-org.ts imports '../bench/common.ts'",
      "bench/plugin-services.ts imports '../test/support/mock-services/github.ts'",
      "test/browser/search.test.ts imports '../../bench/search.ts'",
    ]);
  });
});
