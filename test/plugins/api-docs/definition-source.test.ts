import { describe, expect, it } from 'vitest';
import type { CatalogEntity, DescriptorPosition } from '../../../integrations/plugin-api.ts';
import { definitionSourceOf, locateDefinition } from '../../../integrations/plugins/api-docs/definition-source.ts';

function api(provenance?: CatalogEntity['provenance']): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders', namespace: 'default' },
    spec: { type: 'openapi', owner: 'team-a', lifecycle: 'production', definition: '…' },
    relations: [],
    source: { repo: 'shop', file: 'apis/catalog-info.yaml', line: 1 },
    ...(provenance ? { provenance } : {}),
  };
}

const digest = 'a'.repeat(64);
const provenance = (substitutions: NonNullable<CatalogEntity['provenance']>['substitutions']) => ({ descriptor: { file: 'apis/catalog-info.yaml', sha256: digest }, locations: [], substitutions });

describe('where a definition was written', () => {
  it('is the $text file the catalog read for spec.definition, with its folder for relative references', () => {
    const entity = api(provenance([{ path: ['spec', 'definition'], placeholder: '$text', file: 'openapi/orders.yaml', sha256: digest }]));
    expect(definitionSourceOf(entity)).toEqual({ kind: 'file', file: 'openapi/orders.yaml', dir: 'openapi' });
  });

  it('is the descriptor when no $text filled spec.definition (another field\'s file, a $yaml, or no record at all)', () => {
    const inline = { kind: 'inline', file: 'apis/catalog-info.yaml', dir: 'apis' };
    expect(definitionSourceOf(api(provenance([{ path: ['spec', 'description'], placeholder: '$text', file: 'README.md', sha256: digest }])))).toEqual(inline);
    expect(definitionSourceOf(api(provenance([{ path: ['spec', 'definition', 'x'], placeholder: '$yaml', file: 'x.yaml', sha256: digest }])))).toEqual(inline);
    expect(definitionSourceOf(api())).toEqual(inline);
  });

  it('asks where spec.definition is written only for an inline definition, and adds its key line and its block', async () => {
    const asked: (readonly string[])[] = [];
    const locate = async (path: readonly string[]): Promise<DescriptorPosition | undefined> => {
      asked.push(path);
      return { file: 'apis/catalog-info.yaml', line: 16, column: 3, block: { firstLine: 17, indent: 4 } };
    };
    const file = { kind: 'file', file: 'openapi/orders.yaml', dir: 'openapi' } as const;
    expect(await locateDefinition(file, locate)).toEqual(file);
    expect(asked).toEqual([]);
    const inline = { kind: 'inline', file: 'apis/catalog-info.yaml', dir: 'apis' } as const;
    expect(await locateDefinition(inline, locate)).toEqual({ ...inline, line: 16, block: { firstLine: 17, indent: 4 } });
    expect(asked).toEqual([['spec', 'definition']]);
    expect(await locateDefinition(inline, async () => undefined)).toEqual(inline);
  });
});
