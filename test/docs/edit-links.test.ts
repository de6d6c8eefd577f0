import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../src/catalog/index.ts';
import { editUrlBase } from '../../src/docs/edit-links.ts';
import type { MkdocsConfig } from '../../src/docs/mkdocs-config.ts';

const entity = (annotations: Record<string, string> = {}): CatalogEntity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default', annotations },
  spec: {},
  relations: [],
  source: { repo: 'svc', file: 'services/svc/catalog-info.yaml', line: 1 },
});
const config = (settings: Partial<MkdocsConfig> = {}): MkdocsConfig => ({ file: 'mkdocs.yml', docsDir: 'docs', ...settings });
const sourceLocation = { 'backstage.io/source-location': 'url:https://github.com/acme/svc/tree/main/services/svc/' };

describe('editUrlBase', () => {
  it("edits on GitHub's default edit_uri from repo_url, or on the edit_uri given", () => {
    expect(editUrlBase(entity(), config({ repoUrl: 'https://github.com/acme/svc' }))!('docs/guide/setup.md', 'guide/setup.md')).toBe(
      'https://github.com/acme/svc/edit/master/docs/guide/setup.md',
    );
    expect(editUrlBase(entity(), config({ repoUrl: 'https://gitlab.example.com/acme/svc', editUri: '-/edit/main/docs/' }))!('docs/a b.md', 'a b.md')).toBe(
      'https://gitlab.example.com/acme/svc/-/edit/main/docs/a%20b.md',
    );
  });

  it('falls back to the source-location annotation, relative to the descriptor', () => {
    expect(editUrlBase(entity(sourceLocation), config())!('services/svc/docs/index.md', 'index.md')).toBe('https://github.com/acme/svc/edit/main/services/svc/docs/index.md');
  });

  it('makes no javascript: or mailto: edit link from edit_uri, and does not fail on it', () => {
    for (const editUri of ['javascript://%0aalert(document.domain)//', 'javascript:alert(1)', 'mailto:x@example.com']) {
      const repoUrl = 'https://github.com/a/b';
      expect(editUrlBase(entity(), config({ repoUrl, editUri })), editUri).toBeUndefined();
      expect(editUrlBase(entity(sourceLocation), config({ repoUrl, editUri }))!('services/svc/docs/x.md', 'x.md'), editUri).toMatch(/^https:\/\/github\.com\/acme\/svc\/edit\//);
    }
  });

  it('keeps a page file name a path, even one that reads as a URL scheme', () => {
    const edit = editUrlBase(entity(), config({ repoUrl: 'https://github.com/acme/svc' }))!;
    expect(edit('docs/javascript:alert(document.domain).md', 'javascript:alert(document.domain).md')).toBe(
      'https://github.com/acme/svc/edit/master/docs/javascript%3Aalert(document.domain).md',
    );
    expect(edit('docs/q?x#y.md', 'q?x#y.md')).toBe('https://github.com/acme/svc/edit/master/docs/q%3Fx%23y.md');
  });

  it('makes no link from a repo_url with credentials in it', () => {
    expect(editUrlBase(entity(), config({ repoUrl: 'https://user:token@github.com/acme/svc' }))).toBeUndefined();
  });
});
