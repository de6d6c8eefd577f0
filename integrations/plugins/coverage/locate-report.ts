import { resolveRepoPath } from '../../plugin-api.ts';

/**
 * Where an entity's coverage report is, from its `backstage.io/code-coverage` annotation.
 * Backstage's values `enabled` and `scm-only` mean "it has coverage": Playbill looks for a
 * report at the configured candidate paths. Playbill also takes the report's location as the
 * value: an http(s) URL, or a path relative to the descriptor's folder (or, failing that, the
 * repo root). Pure: reading is the plugin's job.
 */
export const coverageAnnotation = 'backstage.io/code-coverage';

export type ReportLocation =
  | { kind: 'url'; url: string }
  /** Repo-relative paths to try, in order; the first that exists is the report. */
  | { kind: 'repo'; paths: string[] };

export function locateReport(annotation: string, entityDir: string, candidates: readonly string[]): ReportLocation {
  const value = annotation.trim();
  if (/^https?:\/\//i.test(value)) return { kind: 'url', url: value };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    throw new Error(`${coverageAnnotation}: "${value}" is neither enabled, scm-only, a path in the repo nor an http(s) URL`);
  }
  const wanted = value === '' || /^(enabled|scm-only|true)$/i.test(value) ? candidates : [value];
  const paths: string[] = [];
  for (const path of wanted) {
    // Relative to the descriptor's folder first; a path that leaves the repo from there is refused.
    const fromDescriptor = repoPath(entityDir, path);
    if (fromDescriptor === null) throw new Error(`the coverage report path "${path}" leaves the repo; it must be a file inside it`);
    const fromRoot = entityDir ? repoPath('', path) : null;
    for (const inRepo of [fromDescriptor, fromRoot]) if (inRepo !== null && !paths.includes(inRepo)) paths.push(inRepo);
  }
  return { kind: 'repo', paths };
}

/** `path` relative to the repo folder `dir`, as a repo-relative path, or null when it leaves the repo or is the repo itself. */
function repoPath(dir: string, path: string): string | null {
  // A report path written on Windows (`\\reports\\lcov.info`) is absolute there too.
  return resolveRepoPath(dir, path.replace(/\\/g, '/')) || null;
}
