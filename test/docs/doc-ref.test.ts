import { describe, expect, it } from 'vitest';
import { resolveDocRef } from '../../src/docs/doc-ref.ts';
import { docPagePath, docSitePath, pageSlug } from '../../src/docs/page-paths.ts';

describe('resolveDocRef', () => {
  it('resolves dir: refs relative to the descriptor', () => {
    expect(resolveDocRef('dir:.', 'catalog-info.yaml')).toEqual({ dir: '' });
    expect(resolveDocRef('dir:./docs-site', 'services/api/catalog-info.yaml')).toEqual({ dir: 'services/api/docs-site' });
    expect(resolveDocRef('dir:..', 'services/catalog-info.yaml')).toEqual({ dir: '' });
  });

  it('refuses refs that leave the repo', () => {
    expect(resolveDocRef('dir:../other-repo', 'catalog-info.yaml')).toMatchObject({ error: { code: 'docs-ref-escape', severity: 'error' } });
    expect(resolveDocRef('dir:/etc', 'catalog-info.yaml')).toMatchObject({ error: { code: 'docs-ref-escape' } });
  });

  it('refuses url: refs with a warning that says what to do', () => {
    expect(resolveDocRef('url:https://github.com/org/repo', 'catalog-info.yaml')).toMatchObject({
      error: { code: 'docs-ref-unsupported', severity: 'warning', message: expect.stringContaining('Add that repo as a source') },
    });
  });
});

describe('docs URLs', () => {
  it('maps sources to mkdocs directory URLs under Backstage’s TechDocs scheme', () => {
    expect(pageSlug('index.md')).toBe('');
    expect(pageSlug('guide/setup.md')).toBe('guide/setup');
    expect(pageSlug('guide/README.md')).toBe('guide');
    expect(pageSlug('intro.mdx')).toBe('intro');
    const site = docSitePath({ namespace: 'default', kind: 'Component', name: 'web' });
    expect(site).toBe('docs/default/component/web/');
    expect(docPagePath(site, 'guide/setup')).toBe('docs/default/component/web/guide/setup/');
  });
});
