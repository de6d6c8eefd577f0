import { posix } from 'node:path';
import { resolveRepoPath } from '../sources/index.ts';

export const TECHDOCS_REF = 'backstage.io/techdocs-ref';

export type DocRefResult =
  | { dir: string }
  | { error: { code: 'docs-ref-unsupported' | 'docs-ref-escape' | 'docs-ref-invalid'; severity: 'error' | 'warning'; message: string } };

/**
 * Resolves a `backstage.io/techdocs-ref` annotation to a repo-relative folder. Only `dir:`
 * refs are built (relative to the descriptor's folder, inside the repo); `url:` refs would
 * need fetching another repo at build time and are refused.
 */
export function resolveDocRef(ref: string, descriptorFile: string): DocRefResult {
  const match = /^([a-z]+):(.*)$/.exec(ref.trim());
  if (!match) {
    return { error: { code: 'docs-ref-invalid', severity: 'error', message: `${TECHDOCS_REF} "${ref}" is not of the form dir:<path>.` } };
  }
  const [, type, target] = match as unknown as [string, string, string];
  if (type === 'url') {
    return {
      error: {
        code: 'docs-ref-unsupported',
        severity: 'warning',
        message: `${TECHDOCS_REF} "${ref}" points to another location; Playbill builds docs from dir: refs inside the repo only. Add that repo as a source and reference its docs with dir:.`,
      },
    };
  }
  if (type !== 'dir') {
    return { error: { code: 'docs-ref-invalid', severity: 'error', message: `${TECHDOCS_REF} type "${type}" is not supported; use dir:<path>.` } };
  }
  const dir = resolveRepoPath(posix.dirname(descriptorFile), target || '.');
  if (dir === null) {
    return { error: { code: 'docs-ref-escape', severity: 'error', message: `${TECHDOCS_REF} "${ref}" points outside the repo; docs are read only from inside the repo that declares them.` } };
  }
  return { dir };
}
