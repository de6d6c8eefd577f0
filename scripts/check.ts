import { basename, dirname } from 'node:path';
import { countBySeverity, formatProblemLocation, loadCatalog } from '../src/catalog/index.ts';
import { parsePlaybillOptions } from '../src/config/options.ts';

/**
 * Validates one repo with the build's own rules and prints problems as `file:line:col`.
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
  for (const problem of catalog.problems) {
    console.log(`${formatProblemLocation(problem).slice(repo.name.length + 1) || repo.name}: ${problem.severity}: ${problem.message}`);
  }
  const { errors, warnings } = countBySeverity(catalog.problems);
  console.log(`${repo.name}: ${catalog.entities.length} entities, ${errors} errors, ${warnings} warnings (checked in ${dirname(repoDir)})`);
  return errors > 0 || (options.strict === 'warning' && warnings > 0) ? 1 : 0;
}
