import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../../integrations/plugin-api.ts';
import { DefinitionSources, findDefinitionSource } from '../../../integrations/plugins/api-docs/definition-source.ts';

function api(name: string, repo = 'shop'): CatalogEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: { type: 'openapi', owner: 'team-a', lifecycle: 'production', definition: '…' },
    relations: [],
    source: { repo, file: 'apis/catalog-info.yaml', line: 1 },
  };
}

const descriptor = [
  'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders\nspec:\n  type: openapi\n  definition:\n    $text: ./openapi/orders.yaml\n',
  'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: invoices\nspec:\n  type: openapi\n  definition: |\n    openapi: 3.0.3\n    info: { title: Invoices, version: "1" }\n',
].join('---\n');

describe('where a definition was written', () => {
  it('finds each API of a descriptor with many entities: a $text file, an inline block with its first line and its key\'s line', () => {
    const sources = new DefinitionSources();
    expect(sources.find(api('orders'), descriptor)).toEqual({ kind: 'file', file: 'apis/openapi/orders.yaml', dir: 'apis/openapi' });
    expect(sources.find(api('invoices'), descriptor)).toEqual({ kind: 'inline', file: 'apis/catalog-info.yaml', dir: 'apis', line: 16, block: { firstLine: 17, indent: 4 } });
    expect(sources.find(api('missing'), descriptor)).toEqual({ kind: 'inline', file: 'apis/catalog-info.yaml', dir: 'apis' });
    // The same answers as looking each one up on its own.
    for (const name of ['orders', 'invoices', 'missing']) expect(sources.find(api(name), descriptor)).toEqual(findDefinitionSource(api(name), descriptor));
  });

  it('reads a descriptor again when its text changed, and keeps repos with the same file apart', () => {
    const sources = new DefinitionSources();
    expect(sources.find(api('orders'), descriptor).kind).toBe('file');
    const inlined = descriptor.replace('definition:\n    $text: ./openapi/orders.yaml', 'definition: "{}"');
    expect(sources.find(api('orders'), inlined)).toEqual({ kind: 'inline', file: 'apis/catalog-info.yaml', dir: 'apis' });
    expect(sources.find(api('orders', 'other-repo'), descriptor).kind).toBe('file');
  });

  it('does not parse a descriptor that writes no $text, and still locates its inline block for a problem', () => {
    const inlineOnly = descriptor.split('---\n')[1]!;
    const sources = new DefinitionSources();
    expect(sources.find(api('invoices'), inlineOnly)).toEqual({ kind: 'inline', file: 'apis/catalog-info.yaml', dir: 'apis' });
    expect(sources.locate(api('invoices'), inlineOnly)).toEqual({ kind: 'inline', file: 'apis/catalog-info.yaml', dir: 'apis', line: 7, block: { firstLine: 8, indent: 4 } });
  });

  it('parses a descriptor whose $text key is spelled with an escape', () => {
    const escaped = descriptor.replace('$text: ./openapi/orders.yaml', '"\\x24text": ./openapi/orders.yaml');
    expect(new DefinitionSources().find(api('orders'), escaped)).toEqual({ kind: 'file', file: 'apis/openapi/orders.yaml', dir: 'apis/openapi' });
  });
});
