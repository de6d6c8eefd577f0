import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { importCircles, importViolations, stageOrder, stages } from './layers.ts';
import { importsOfSource, readSourceImports } from './source-imports.ts';

/**
 * Layers run one way: every import of src/ and integrations/, read with the TypeScript compiler (and Astro's, for
 * .astro files), is held to the boundaries and stage doors of layers.ts. The fixtures below are the imports each
 * rule exists to refuse, so a rule that stopped refusing anything would fail here too.
 */
describe('import direction', () => {
  it('holds on the tree: no import breaks a boundary, enters a stage past its doors or runs down the stage order', async () => {
    const imports = await readSourceImports(projectRoot, ['src', 'integrations']);
    const files = new Set(imports.map((found) => found.file));
    expect([...files].some((file) => file.endsWith('.astro'))).toBe(true);
    expect([...files].some((file) => file.startsWith('integrations/plugins/'))).toBe(true);
    expect(imports.length).toBeGreaterThan(500);
    expect(importViolations(imports)).toEqual([]);
  });

  it('names only doors that exist', () => {
    const missing = stages.flatMap((stage) =>
      stage.doors === 'each file' ? [] : Object.keys(stage.doors).filter((door) => !existsSync(join(projectRoot, stage.folder, door))).map((door) => `${stage.folder}/${door}`),
    );
    expect(missing).toEqual([]);
  });

  it('refuses src/ importing integrations/, naming the file and the import', () => {
    const imports = importsOfSource('src/plugins/run-plugins.ts', "import type { PlaybillPlugin } from '../../integrations/plugin-api.ts';\n");
    expect(importViolations(imports)).toEqual([
      "src/plugins/run-plugins.ts imports '../../integrations/plugin-api.ts': the integration and the plugins are built on src/, never the other way round (the plugin contract is src/plugins/plugin-contract.ts)",
    ]);
  });

  it('refuses the vocabulary importing zod, a Node built-in (with or without node:) or any other folder of src/', () => {
    const imports = importsOfSource(
      'src/vocabulary/entity-ref.ts',
      [
        "import { z } from 'zod';",
        "import { join } from 'node:path';",
        "import { readFile } from 'fs/promises';",
        "import type { Problem } from '../catalog/index.ts';",
        "export { escapeHtml } from '../site/escape-html.ts';",
        "const lazy = () => import('../plugins/index.ts');",
        "import { compareStrings } from './compare-strings.ts';",
        "import { parseDocument } from 'yaml';",
      ].join('\n'),
    );
    const violations = importViolations(imports).filter((violation) => violation.includes('the vocabulary is the bottom layer'));
    expect(violations.map((violation) => violation.slice(0, violation.indexOf("': ") + 1))).toEqual([
      "src/vocabulary/entity-ref.ts imports 'zod'",
      "src/vocabulary/entity-ref.ts imports 'node:path'",
      "src/vocabulary/entity-ref.ts imports 'fs/promises'",
      "src/vocabulary/entity-ref.ts imports '../catalog/index.ts'",
      "src/vocabulary/entity-ref.ts imports '../site/escape-html.ts'",
      "src/vocabulary/entity-ref.ts imports '../plugins/index.ts'",
    ]);
  });

  it("refuses a stage entering another stage past its index.ts, types and dynamic imports included, and allows its own files", () => {
    const imports = importsOfSource(
      'src/docs/build-docs.ts',
      [
        "import type { Repo } from '../sources/repo.ts';",
        "import { readRepoFile } from '../sources/index.ts';",
        "import { renderPage } from './render/render-page.ts';",
        "import { renderMarkdown } from './render/index.ts';",
        "import { buildNav } from './nav.ts';",
        "type Views = typeof import('../site/build-entity-views.ts').buildEntityViews;",
      ].join('\n'),
    );
    // Each sentence ends with the stage's doors in parentheses, as the table names them (the stage order's own sentences are tested below).
    const pastDoors = importViolations(imports).filter((violation) => violation.includes('past the doors'));
    expect(pastDoors.map((violation) => violation.slice(0, violation.lastIndexOf(' (')))).toEqual([
      "src/docs/build-docs.ts imports '../sources/repo.ts': past the doors of src/sources/",
      "src/docs/build-docs.ts imports './render/render-page.ts': past the doors of src/docs/render/",
      "src/docs/build-docs.ts imports '../site/build-entity-views.ts': past the doors of src/site/",
    ]);
    expect(pastDoors[1]).toMatch(/\(index\.ts, render\.css\)$/);
  });

  it('refuses a stage importing a stage above it or beside it, or the pipeline, types included, and allows the stages below it', () => {
    const fromDocs = importsOfSource(
      'src/docs/docs-view.ts',
      [
        "import { entityLinkSchema } from '../site/entity-view.ts';",
        "import type { Panel } from '../plugins/panel-view.ts';",
        "import type { PipelineResult } from '../pipeline.ts';",
        "import { entityLinkSchema as link } from '../catalog/entity-link.ts';",
        "import { readRepoFile } from '../sources/index.ts';",
        "import type { RenderedDoc } from './render/index.ts';",
        "import { compareStrings } from '../vocabulary/compare-strings.ts';",
        "import { docPagePath } from './page-paths.ts';",
      ].join('\n'),
    );
    const fromSources = importsOfSource('src/sources/index.ts', "import type { SourceConfig } from '../config/options.ts';\n");
    const fromSearch = importsOfSource('src/search/search-facets.ts', "import { explorerFileSchema } from '../explorer/index.ts';\n");
    const fromRenderer = importsOfSource('src/docs/render/includes.ts', "import type { DocsOptions } from '../index.ts';\n");
    const upward = [...fromDocs, ...fromSources, ...fromSearch, ...fromRenderer].flatMap((found) => importViolations([found]));
    // Each sentence ends with the whole order, bottom up.
    expect(upward.map((violation) => violation.slice(0, violation.indexOf(', and a stage imports only')))).toEqual([
      "src/docs/docs-view.ts imports '../site/entity-view.ts': src/site/ stands above src/docs/",
      "src/docs/docs-view.ts imports '../plugins/panel-view.ts': src/plugins/ stands above src/docs/",
      "src/docs/docs-view.ts imports '../pipeline.ts': src/pipeline.ts stands above every stage",
      "src/sources/index.ts imports '../config/options.ts': src/config/ stands above src/sources/",
      "src/search/search-facets.ts imports '../explorer/index.ts': src/explorer/ stands beside src/search/",
      "src/docs/render/includes.ts imports '../index.ts': src/docs/ stands above src/docs/render/",
    ]);
    expect(upward[0]).toMatch(/\(vocabulary → sources → catalog → docs\/render → docs → plugins → site → search \| explorer → .* → config\)$/);
  });

  it('places every stage folder of src/ in the stage order, and every stage of the doors table too', () => {
    const ordered = stageOrder.flat();
    const folders = readdirSync(join(projectRoot, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `src/${entry.name}`);
    expect(folders.filter((folder) => !ordered.includes(folder))).toEqual([]);
    expect(stages.map((stage) => stage.folder).filter((folder) => !ordered.includes(folder))).toEqual([]);
  });

  it('finds no circle of imports between the files of src/ and integrations/, type imports included', async () => {
    expect(importCircles(await readSourceImports(projectRoot, ['src', 'integrations']))).toEqual([]);
  });

  it('finds a circle of type imports inside a stage and one across stages, each once, from its first file', () => {
    const imports = [
      ...importsOfSource('src/docs/render/index.ts', "import { renderPage } from './render-page.ts';\n"),
      ...importsOfSource('src/docs/render/render-page.ts', "import type { RenderContext } from './index.ts';\nimport { report } from './render-state.ts';\n"),
      ...importsOfSource('src/docs/render/render-state.ts', "import type { Heading } from './render-context.ts';\n"),
      ...importsOfSource('src/sources/index.ts', "import type { SourceConfig } from '../config/options.ts';\n"),
      ...importsOfSource('src/config/options.ts', "import { sourceSchema } from '../sources/index.ts';\nimport { z } from 'zod';\n"),
    ];
    expect(importCircles(imports)).toEqual([
      ['src/config/options.ts', 'src/sources/index.ts', 'src/config/options.ts'],
      ['src/docs/render/index.ts', 'src/docs/render/render-page.ts', 'src/docs/render/index.ts'],
    ]);
  });

  it("reads an .astro page's frontmatter imports, package specifiers included", () => {
    const page = ['---', "import { getSite } from '../../site/load-site.ts';", "import PanelBlock from 'playbill/components/plugins/PanelBlock.astro';", "import { entityRefOf } from 'playbill/plugin-api';", '---', '<p>{getSite}</p>', ''].join('\n');
    const imports = importsOfSource('src/routes/catalog/entity.astro', page);
    expect(imports.map(({ specifier, target }) => [specifier, target])).toEqual(
      expect.arrayContaining([
        ['../../site/load-site.ts', 'src/site/load-site.ts'],
        ['playbill/components/plugins/PanelBlock.astro', 'src/components/plugins/PanelBlock.astro'],
        ['playbill/plugin-api', 'integrations/plugin-api.ts'],
      ]),
    );
    expect(importViolations(imports)).toContain(
      "src/routes/catalog/entity.astro imports 'playbill/plugin-api': the integration and the plugins are built on src/, never the other way round (the plugin contract is src/plugins/plugin-contract.ts)",
    );
  });

  it('refuses a built-in plugin reaching past plugin-api.ts into src/', () => {
    const imports = importsOfSource(
      'integrations/plugins/coverage/index.ts',
      "import { readRepoFile } from '../../../src/sources/repo-files.ts';\nimport { definePlugin } from '../../plugin-api.ts';\nimport { z } from 'zod';\n",
    );
    expect(importViolations(imports)).toEqual([
      "integrations/plugins/coverage/index.ts imports '../../../src/sources/repo-files.ts': a built-in plugin is written as a third party would write it: Playbill only through plugin-api.ts",
      "integrations/plugins/coverage/index.ts imports '../../../src/sources/repo-files.ts': past the doors of src/sources/ (index.ts)",
    ]);
  });
});
