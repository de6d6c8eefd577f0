import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from '@astrojs/compiler-rs';
import { resolvePath } from '@astrojs/internal-helpers/mdx';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';

/**
 * Astro names each island (`<astro-island uid>`) by a hash of its component URL, the specifier an .astro file
 * imports it by as Astro's compiler resolves it: a relative import becomes the file's absolute path, so the uid,
 * and every page with an island, would change with the folder Playbill is checked out in. A package specifier
 * (`playbill/components/…`, Playbill's own package) stays as written. This compiles every .astro file as Astro
 * does and names any island that would carry the checkout's path.
 */
describe('island component URLs', () => {
  it('are package specifiers, the same from any checkout path', async () => {
    const files = (await glob(['src/**/*.astro', 'integrations/**/*.astro'], { cwd: projectRoot, ignore: ['**/node_modules/**'] })).sort();
    expect(files.length).toBeGreaterThan(0);
    const islands: string[] = [];
    const tiedToCheckout: string[] = [];
    for (const file of files) {
      const filename = join(projectRoot, file);
      const compiled = transform(await readFile(filename, 'utf8'), { filename, resolvePath: (specifier) => resolvePath(specifier, filename) });
      for (const component of [...compiled.hydratedComponents, ...compiled.clientOnlyComponents]) {
        const url = component.resolvedPath || component.specifier;
        islands.push(url);
        if (url.startsWith('/') || url.startsWith('.') || url.includes(projectRoot)) tiedToCheckout.push(`${file}: ${component.localName} is imported as ${component.specifier} (component URL ${url})`);
      }
    }
    expect(islands.length).toBeGreaterThanOrEqual(4);
    expect(tiedToCheckout).toEqual([]);
  });
});
