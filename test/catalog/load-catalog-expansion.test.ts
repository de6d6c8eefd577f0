import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { doublingThirtyTimes, longStringAliased, nineByNine } from '../support/expansion-bombs.ts';
import { defaultLoadOptions, makeRepo, yaml } from '../support/temp-repos.ts';

const component = (name: string, extra = '') => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ${name}
  spec:
    type: service
    lifecycle: production
    owner: team
` + extra;

const team = yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Group
  metadata:
    name: team
  spec:
    type: team
    children: []
`;

const names = (catalog: Awaited<ReturnType<typeof loadCatalog>>) => catalog.entities.map((entity) => entity.metadata.name).sort();

describe('loadCatalog and descriptors that expand through aliases', () => {
  for (const [name, bomb] of [
    ['81 aliases, nine levels of nine', nineByNine('    ')],
    ['60 aliases doubling thirty times', doublingThirtyTimes('    ')],
  ] as const) {
    it(`reports a descriptor of ${name} at its document's line and loads the healthy entities of the same file and another file`, async () => {
      const file = `${component('first')}---\n${component('bomb', `  bomb:\n${bomb}\n`)}---\n${component('last')}`;
      expect(file.length).toBeLessThan(2048);
      const repo = await makeRepo({ 'catalog-info.yaml': file, 'other/catalog-info.yaml': `${component('other')}---\n${team}` }, 'shop');
      const started = performance.now();
      const catalog = await loadCatalog([repo], { ...defaultLoadOptions, catalogFiles: ['catalog-info.yaml', 'other/catalog-info.yaml'] });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(names(catalog)).toEqual(['first', 'last', 'other', 'team']);
      expect(catalog.problems).toEqual([
        {
          severity: 'error',
          repo: 'shop',
          file: 'catalog-info.yaml',
          line: 10,
          column: 1,
          code: 'yaml-syntax',
          message: expect.stringMatching(/^YAML document not loaded: with its aliases written out it expands to more than 50,000 values or 2,000,000 characters together with the documents before it, the most a YAML file of [\d,]+ characters may expand to\. This document is skipped; the rest of the file still loads\.$/),
        },
      ]);
      // What reaches catalog.json is only what loaded.
      expect(JSON.stringify(catalog.entities).length).toBeLessThan(10_000);
    });
  }

  it('refuses $yaml targets that are alias bombs, as located substitution problems, and keeps the healthy entity', async () => {
    const uses = (name: string, target: string) => component(name, `  definition:\n    $yaml: ${target}\n`);
    const repo = await makeRepo(
      {
        'catalog-info.yaml': `${uses('uses-wide', './wide.yaml')}---\n${uses('uses-deep', './nine.yaml')}---\n${component('healthy')}---\n${team}`,
        'wide.yaml': longStringAliased(99),
        'nine.yaml': nineByNine(),
      },
      'shop',
    );
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(names(catalog)).toEqual(['healthy', 'team']);
    expect(catalog.problems).toEqual([
      {
        severity: 'error',
        repo: 'shop',
        file: 'catalog-info.yaml',
        line: 10,
        column: 5,
        entityRef: 'component:default/uses-wide',
        code: 'substitution-failed',
        message: '$yaml target "./wide.yaml" was not used: with its aliases written out it expands to more than 122,864 values or 2,000,000 characters, the most a YAML file of 30,716 characters may expand to.',
      },
      // The yaml library's own alias count already refuses a fan-out like this one.
      { severity: 'error', repo: 'shop', file: 'catalog-info.yaml', line: 21, column: 5, entityRef: 'component:default/uses-deep', code: 'substitution-failed', message: expect.stringContaining('"./nine.yaml"') },
    ]);
  });

  it('refuses a $json target nested so deeply that writing the catalog out would overflow the stack', async () => {
    const repo = await makeRepo(
      {
        'catalog-info.yaml': `${component('uses-deep', '  definition:\n    $json: ./deep.json\n')}---\n${component('healthy')}---\n${team}`,
        'deep.json': `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      },
      'shop',
    );
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(names(catalog)).toEqual(['healthy', 'team']);
    expect(catalog.problems).toMatchObject([
      { file: 'catalog-info.yaml', line: 10, column: 5, code: 'substitution-failed', message: '$json target "./deep.json" was not used: it nests mappings and sequences more than 100 levels deep.' },
    ]);
    expect(() => JSON.stringify(catalog.entities)).not.toThrow();
  });
});
