import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { catalogFileSchema, type CatalogFile } from '../../src/catalog/catalog-file.ts';

const run = promisify(execFile);
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds a site with the real CLI (`scripts/playbill.ts build`), as a user or CI would.
 * `env` adds environment variables (tokens for plugin tests); `--config FILE` picks another astro config.
 */
export async function buildSite(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ outDir: string; stdout: string; stderr: string; code: number }> {
  const outDir = await mkdtemp(join(tmpdir(), 'playbill-site-'));
  // Each build gets its own caches (site data, plugin responses, Astro's), so test files can build in parallel.
  const ownCacheDir = env.PLAYBILL_CACHE_DIR ? undefined : await mkdtemp(join(tmpdir(), 'playbill-cache-'));
  const cacheDir = env.PLAYBILL_CACHE_DIR ?? ownCacheDir!;
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/playbill.ts', 'build', '--out', outDir, ...args], {
      cwd: projectRoot,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...cleanEnvironment(), PLAYBILL_CACHE_DIR: cacheDir, ...env },
    });
    return { outDir, stdout: plain(stdout), stderr: plain(stderr), code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { outDir, stdout: plain(failed.stdout ?? ''), stderr: plain(failed.stderr ?? ''), code: failed.code ?? 1 };
  } finally {
    // A cache the caller did not ask for is this build's alone; left behind, every test run would add one to /tmp.
    if (ownCacheDir) await rm(ownCacheDir, { recursive: true, force: true });
  }
}

/** Astro colours its log when CI=true or a terminal asks for it; assertions read the text. */
function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The environment a user's shell would have: without what vitest itself sets (BASE_URL, MODE, NODE_ENV=test…). */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[key];
  return env;
}

/** The built site's catalog.json, checked against its schema. */
export async function readCatalogFile(outDir: string): Promise<CatalogFile> {
  return catalogFileSchema.parse(JSON.parse(await readFile(join(outDir, 'catalog.json'), 'utf8')));
}
