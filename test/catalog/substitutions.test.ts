import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { applySubstitutions } from '../../src/catalog/substitutions.ts';
import { defaultLoadOptions, makeRepo, makeRepos, yaml } from '../support/temp-repos.ts';

const api = (definition: string) => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: API
  metadata:
    name: orders
  spec:
    type: openapi
    lifecycle: production
    owner: user:someone
    definition: ${definition}
`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('applySubstitutions', () => {
  it('replaces $text, $json and $yaml with the file content, relative to the descriptor, and names each file read with its digest', async () => {
    const repo = await makeRepo({ 'api/spec.yaml': 'openapi: 3.0.0\n', 'api/meta.json': '{"a":[1,2]}', 'api/meta.yaml': 'b: true\n' });
    const value = { text: { $text: './spec.yaml' }, json: { $json: 'meta.json' }, yaml: [{ $yaml: './meta.yaml' }], other: { $text: 'x', extra: 1 } };
    const result = await applySubstitutions(value, { repo, file: 'api/catalog-info.yaml', maxBytes: 1000 });
    expect(result).toEqual({
      value: { text: 'openapi: 3.0.0\n', json: { a: [1, 2] }, yaml: [{ b: true }], other: { $text: 'x', extra: 1 } },
      issues: [],
      files: [
        { path: ['text'], placeholder: '$text', file: 'api/spec.yaml', sha256: sha256('openapi: 3.0.0\n') },
        { path: ['json'], placeholder: '$json', file: 'api/meta.json', sha256: sha256('{"a":[1,2]}') },
        { path: ['yaml', 0], placeholder: '$yaml', file: 'api/meta.yaml', sha256: sha256('b: true\n') },
      ],
    });
  });

  it('leaves an object with a $ key beside others, or an unknown $ key, as written, insides included, as Backstage does', async () => {
    const repo = await makeRepo({ 'a.txt': 'A' });
    const value = { schema: { $ref: '#/defs/a', properties: { a: { $text: './a.txt' } } }, other: { $ref: { $text: './a.txt' } }, plain: { deep: { $text: './a.txt' } } };
    const result = await applySubstitutions(value, { repo, file: 'catalog-info.yaml', maxBytes: 1000 });
    expect(result).toEqual({ value: { ...value, plain: { deep: 'A' } }, issues: [], files: [{ path: ['plain', 'deep'], placeholder: '$text', file: 'a.txt', sha256: sha256('A') }] });
  });

  it('reads a $yaml file as Backstage does: an unknown tag is kept, more than one document is refused', async () => {
    const repo = await makeRepo({ 'cfn.yaml': 'Name: !Ref Bucket\n', 'two.yaml': 'a: 1\n---\nb: 2\n' });
    const context = { repo, file: 'catalog-info.yaml', maxBytes: 1000 };
    expect(await applySubstitutions({ d: { $yaml: './cfn.yaml' } }, context)).toMatchObject({ value: { d: { Name: 'Bucket' } }, issues: [] });
    const two = await applySubstitutions({ d: { $yaml: './two.yaml' } }, context);
    expect(two.issues).toEqual([{ path: ['d'], kind: 'failed', message: '$yaml target "./two.yaml" is not valid YAML: expected exactly one document, found 2.' }]);
  });

  it('reads a path starting with / from the repo root, as Backstage resolves it against the repo URL', async () => {
    const repo = await makeRepo({ 'docs/api.yaml': 'openapi: 3.0.0\n' });
    const result = await applySubstitutions({ d: { $text: '/docs/api.yaml' }, e: { $text: '//evil.example/x' } }, { repo, file: 'services/a/catalog-info.yaml', maxBytes: 1000 });
    expect(result.value).toEqual({ d: 'openapi: 3.0.0\n', e: undefined });
    expect(result.files).toMatchObject([{ path: ['d'], file: 'docs/api.yaml' }]);
    expect(result.issues).toMatchObject([{ path: ['e'], kind: 'failed', message: expect.stringContaining('outside repo') }]);
  });

  it('refuses a path outside the repo', async () => {
    const repo = await makeRepo({});
    const result = await applySubstitutions({ d: { $text: '../../etc/passwd' } }, { repo, file: 'catalog-info.yaml', maxBytes: 1000 });
    expect(result.issues).toEqual([{ path: ['d'], kind: 'failed', message: expect.stringContaining('outside repo') }]);
  });

  it('refuses a symlink leaving the repo', async () => {
    const { repos } = await makeRepos({ app: { 'link.txt': { symlink: '../secret/token.txt' } }, secret: { 'token.txt': 'hunter2' } });
    const result = await applySubstitutions({ d: { $text: './link.txt' } }, { repo: repos[0]!, file: 'catalog-info.yaml', maxBytes: 1000 });
    expect(result.issues[0]).toMatchObject({ kind: 'failed', message: expect.stringContaining('outside repo') });
    expect(JSON.stringify(result.value)).not.toContain('hunter2');
  });

  it("never reads the repo's .git folder, directly or through a symlink: it can hold credentials", async () => {
    const repo = await makeRepo({ '.git/config': '[remote "origin"]\n\turl = https://x-access-token:ghp_secret@github.com/a/b.git\n', 'config.txt': { symlink: '.git/config' } });
    const result = await applySubstitutions({ a: { $text: '.git/config' }, b: { $text: './config.txt' } }, { repo, file: 'catalog-info.yaml', maxBytes: 1000 });
    expect(result.issues).toMatchObject([
      { path: ['a'], kind: 'failed', message: expect.stringContaining('.git folder') },
      { path: ['b'], kind: 'failed', message: expect.stringContaining('.git folder') },
    ]);
    expect(JSON.stringify(result.value)).not.toContain('ghp_secret');
  });

  it('keeps a URL target as the URL, with a warning', async () => {
    const repo = await makeRepo({});
    const result = await applySubstitutions({ d: { $text: 'https://example.com/api.yaml' } }, { repo, file: 'catalog-info.yaml', maxBytes: 1000 });
    expect(result.value).toEqual({ d: 'https://example.com/api.yaml' });
    expect(result.issues).toMatchObject([{ kind: 'remote' }]);
  });

  it('reports invalid JSON with the parser reason', async () => {
    const repo = await makeRepo({ 'bad.json': '{"a":' });
    const result = await applySubstitutions({ d: { $json: './bad.json' } }, { repo, file: 'catalog-info.yaml', maxBytes: 1000 });
    expect(result.issues).toMatchObject([{ kind: 'failed', message: expect.stringContaining('is not valid JSON') }]);
  });
});

describe('substitutions in the catalog', () => {
  it('loads an API whose definition comes from a file in the same repo', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': api('{ $text: ./openapi.yaml }'), 'openapi.yaml': 'openapi: 3.0.0\ninfo: {title: Orders}\n' });
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(catalog.entities[0]!.spec!.definition).toBe('openapi: 3.0.0\ninfo: {title: Orders}\n');
  });

  it('refuses a placeholder in metadata.name, since Backstage checks the envelope before it substitutes', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': api('{}').replace('name: orders', 'name: { $text: ./name.txt }'), 'name.txt': 'orders' });
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(catalog.entities).toEqual([]);
    expect(catalog.problems).toEqual([expect.objectContaining({ code: 'invalid-entity', line: 4, message: 'metadata.name must be string.' })]);
  });

  it('skips the entity when the substituted file is missing and reports the field line', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': api('{ $text: ./missing.yaml }') });
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(catalog.entities).toEqual([]);
    expect(catalog.problems).toEqual([expect.objectContaining({ code: 'substitution-failed', line: 9, column: 15, entityRef: 'api:default/orders' })]);
  });
});
