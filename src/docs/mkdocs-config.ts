import { posix } from 'node:path';
import { parseYamlDocuments, type YamlDocument } from '../catalog/index.ts';
import { readRepoFile, type Repo, resolveRepoPath } from '../sources/index.ts';

/** What Playbill reads from a site's mkdocs.yml (plugins and theme are mkdocs' business). */
export interface MkdocsConfig {
  /** Repo-relative path of mkdocs.yml/.yaml, or null when the site has none. */
  file: string | null;
  siteName?: string;
  /** Repo-relative docs folder (mkdocs' `docs_dir`, default `docs`). */
  docsDir: string;
  /** The raw `nav` value, when present, and the document to locate its entries in. */
  nav?: unknown;
  document?: YamlDocument;
  repoUrl?: string;
  editUri?: string;
}

export interface ConfigIssue {
  code: 'docs-config-invalid' | 'docs-missing';
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Reads `mkdocs.yml` (or `mkdocs.yaml`) in a site folder. Unknown YAML tags such as
 * `!!python/name:` and `!ENV` are tolerated: they configure mkdocs plugins, not content.
 */
export async function loadMkdocsConfig(repo: Repo, siteDir: string, maxBytes: number): Promise<{ config: MkdocsConfig | null; issues: ConfigIssue[] }> {
  const issues: ConfigIssue[] = [];
  for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
    const file = siteDir ? `${siteDir}/${name}` : name;
    const read = await readRepoFile(repo, file, maxBytes);
    if ('error' in read) {
      if (read.error.reason === 'missing') continue;
      issues.push({ code: 'docs-config-invalid', file, line: 0, column: 0, message: `${name} could not be read: ${read.error.message}.` });
      return { config: null, issues };
    }
    const parsed = parseYamlDocuments(read.text);
    for (const error of parsed.errors) issues.push({ code: 'docs-config-invalid', file, line: error.line, column: error.column, message: `${name}: ${error.message}` });
    const document = parsed.documents[0];
    const value = (document?.value ?? {}) as Record<string, unknown>;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ code: 'docs-config-invalid', file, line: 1, column: 1, message: `${name} is not a mapping of settings.` });
      return { config: null, issues };
    }
    const docsDirSetting = typeof value.docs_dir === 'string' ? value.docs_dir : 'docs';
    const docsDir = resolveRepoPath(siteDir, docsDirSetting);
    if (docsDir === null) {
      const at = document!.positionOf(['docs_dir']);
      issues.push({ code: 'docs-config-invalid', file, ...at, message: `docs_dir "${docsDirSetting}" points outside the repo; docs are read only from inside the repo.` });
      return { config: null, issues };
    }
    return {
      config: {
        file,
        docsDir,
        ...(typeof value.site_name === 'string' ? { siteName: value.site_name } : {}),
        ...(value.nav !== undefined ? { nav: value.nav } : {}),
        ...(document ? { document } : {}),
        ...(typeof value.repo_url === 'string' ? { repoUrl: value.repo_url } : {}),
        ...(typeof value.edit_uri === 'string' ? { editUri: value.edit_uri } : {}),
      },
      issues,
    };
  }
  // No mkdocs.yml: TechDocs falls back to a docs/ folder next to the reference.
  return { config: { file: null, docsDir: siteDir ? posix.join(siteDir, 'docs') : 'docs' }, issues };
}
