/**
 * Paths inside a repo, as text: the one containment check every stage and plugin uses before it reads anything
 * (`readRepoFile` then checks the real path, through symlinks). POSIX paths relative to the repo root, `''` for the root.
 */

/**
 * Resolves `target` (relative to the repo-relative folder `fromDir`; backslashes read as slashes) to a repo-relative
 * path, or null when it leaves the repo, is absolute or names a scheme (`https:`, `C:`). Purely lexical.
 */
export function resolveRepoPath(fromDir: string, target: string): string | null {
  if (target.startsWith('/') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target)) return null;
  const inside: string[] = [];
  for (const segment of `${fromDir}/${target.replace(/\\/g, '/')}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') inside.push(segment);
    else if (inside.pop() === undefined) return null;
  }
  return inside.join('/');
}

/**
 * Resolves a path the way Backstage resolves one against a descriptor's URL in its repo ($text targets, Location
 * targets): `/x` from the repo's root, anything else from `fromDir`. Null when it leaves the repo (a
 * protocol-relative `//host/x` included).
 */
export function resolveRepoUrlPath(fromDir: string, target: string): string | null {
  if (target.startsWith('//')) return null;
  return target.startsWith('/') ? resolveRepoPath('', `.${target}`) : resolveRepoPath(fromDir, target);
}
