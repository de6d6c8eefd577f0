import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadCatalog } from '../src/catalog/index.ts';
import { formatProblemLocation, printable, printableProblem } from '../src/vocabulary/printable.ts';
import { compareProblems, countBySeverity } from '../src/vocabulary/problems.ts';
import { parsePlaybillOptions } from '../src/config/options.ts';
import { buildDocs } from '../src/docs/build-docs.ts';
import { entityLinker } from '../src/site/build-entity-views.ts';

/**
 * Validates one repo with the build's own rules — its descriptors and its TechDocs, links and
 * anchors included — and prints problems as `file:line:column: severity: message`.
 * References to entities in other repos cannot be checked alone, so they are warnings.
 * Returns the exit code: 1 when any problem at or above `strict` severity was found.
 */
export async function runCheck(repoDir: string, options: { strict: 'error' | 'warning' }): Promise<number> {
  const config = parsePlaybillOptions({});
  const repo = { name: basename(repoDir), dir: repoDir };
  const catalog = await loadCatalog([repo], {
    catalogFiles: config.catalogFiles,
    customKinds: config.customKinds,
    maxFileBytes: config.maxFileBytes,
  });
  const outDir = await mkdtemp(join(tmpdir(), 'playbill-check-'));
  let docsProblems;
  let docPages = 0;
  try {
    const docs = await buildDocs(catalog.entities, [repo], entityLinker(catalog.entities), {
      maxFileBytes: config.maxFileBytes,
      base: '/',
      outDir,
      allowIframes: config.docs.allowIframes,
      trustedRepos: config.docs.trustedRepos,
      unreferenced: config.docs.unreferenced,
    });
    docsProblems = docs.problems;
    docPages = docs.pages.length;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  const problems = [...catalog.problems, ...docsProblems].map(printableProblem).sort(compareProblems);
  const repoName = printable(repo.name);
  for (const problem of problems) {
    console.log(`${formatProblemLocation(problem).slice(repoName.length + 1) || repoName}: ${problem.severity}: ${problem.message}`);
  }
  const { errors, warnings } = countBySeverity(problems);
  console.log(`${repoName}: ${catalog.entities.length} entities, ${docPages} docs pages, ${errors} errors, ${warnings} warnings`);
  return errors > 0 || (options.strict === 'warning' && warnings > 0) ? 1 : 0;
}
