import { isAbsolute, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRepoPath, resolveRepoUrlPath } from '../../src/vocabulary/repo-path.ts';

/**
 * What src/sources/repo-files.ts computed with node:path before the check moved here: the oracle for every input
 * below, but for its one quirk, `./` from the root giving `.` where every other spelling of the root gave `''`.
 */
function withNodePath(fromDir: string, target: string): string | null {
  if (isAbsolute(target) || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target)) return null;
  const joined = posix.normalize(posix.join(fromDir || '.', target.replace(/\\/g, '/')));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return null;
  const path = joined.replace(/\/$/, '');
  return path === '.' ? '' : path;
}

const dirs = ['', 'svc', 'svc/a', 'a/b/c', 'docs/'];
const targets = [
  'x.yaml', './x.yaml', '../x.yaml', '../../x.yaml', '../../../x.yaml', 'a/../b', 'a/./b//c/', '.', '..', './', '',
  '/etc/passwd', 'https://example.com/x', 'C:\\x', 'c:/x', 'file:x', 'a\\..\\..\\..\\b', '..\\x', 'x:y.yaml', './x:y.yaml',
  '...', '.../x', 'a/..', 'a/../..', 'ü/é.md', 'a b/c',
];

describe('repo paths', () => {
  it.each(dirs)('resolves every target from %j as node:path did', (dir) => {
    for (const target of targets) expect(resolveRepoPath(dir, target), `${dir} + ${target}`).toBe(withNodePath(dir, target));
  });

  it('refuses what leaves the repo and keeps what stays in it', () => {
    expect(resolveRepoPath('svc', '../../secrets/lcov.info')).toBeNull();
    expect(resolveRepoPath('svc/a', '../shared/lcov.info')).toBe('svc/shared/lcov.info');
    expect(resolveRepoPath('svc', '.')).toBe('svc');
    expect(resolveRepoPath('', '.')).toBe('');
  });

  it('reads /x from the repo root, as Backstage resolves a URL path, and refuses //host/x', () => {
    expect(resolveRepoUrlPath('svc', '/openapi.yaml')).toBe('openapi.yaml');
    expect(resolveRepoUrlPath('svc', 'openapi.yaml')).toBe('svc/openapi.yaml');
    expect(resolveRepoUrlPath('svc', '/../x')).toBeNull();
    expect(resolveRepoUrlPath('svc', '//evil.example/x')).toBeNull();
  });
});
