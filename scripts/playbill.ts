#!/usr/bin/env node
/**
 * Playbill's command line.
 *   build [--repos DIR] [--out DIR] [--base PATH] [--strict[=warning]] [--offline] [--no-search]
 *                                                                          build the static portal
 *                                                                          (--offline: plugins use cached responses only;
 *                                                                          --no-search: no search index, no search button;
 *                                                                          --config FILE: another astro config)
 *   start [same options]                                                   build, then serve it on localhost
 *   check REPO_DIR [--strict=warning] [--config FILE]                      validate one repo (for its own CI) with the
 *                                                                          portal's config and pipeline
 */
import { enableCompileCache } from 'node:module';
import { parseArgs } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// As Astro's own CLI does: V8 keeps compiled modules on disk (os.tmpdir()/node-compile-cache), so a
// rebuild does not compile Astro, Vite and Playbill again. Everything heavy is imported after this.
enableCompileCache?.();

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const [command = 'build', ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    repos: { type: 'string' },
    out: { type: 'string' },
    base: { type: 'string' },
    strict: { type: 'string', default: undefined },
    port: { type: 'string' },
    host: { type: 'string' },
    offline: { type: 'boolean' },
    'no-search': { type: 'boolean' },
    config: { type: 'string' },
  },
  strict: false,
});

// `--strict` alone arrives as boolean true under `strict: false` parsing.
const strict = values.strict === undefined ? undefined : values.strict === 'warning' ? 'warning' : 'error';

async function main(): Promise<number> {
  switch (command) {
    case 'check': {
      const repo = positionals[0];
      if (!repo) {
        console.error('usage: npm run check -- REPO_DIR');
        return 2;
      }
      // Loaded only here: the catalog stack (Backstage's model, ajv) has no business on a build's main thread.
      const { runCheck } = await import('./check.ts');
      try {
        return await runCheck(resolve(repo), {
          strict: strict === 'warning' ? 'warning' : 'error',
          projectRoot,
          ...(typeof values.config === 'string' ? { configFile: resolve(values.config) } : {}),
        });
      } catch (error) {
        // A config that cannot be loaded, or a repo folder that is not one: no verdict, and a reason.
        const { printable } = await import('../src/vocabulary/printable.ts');
        console.error(`check: ${printable(error instanceof Error ? error.message : String(error))}`);
        return 2;
      }
    }
    case 'build':
    case 'start': {
      if (typeof values.repos === 'string') process.env.PLAYBILL_REPOS = resolve(values.repos);
      if (strict) process.env.PLAYBILL_STRICT = strict;
      if (typeof values.base === 'string') process.env.PLAYBILL_BASE = values.base;
      if (values.offline) process.env.PLAYBILL_OFFLINE = '1';
      if (values['no-search']) process.env.PLAYBILL_SEARCH = '0';
      // The pipeline worker loads its modules while Astro and the config load (src/pipeline-worker-start.ts).
      const { prewarmPipelineWorker } = await import('../src/pipeline-worker-start.ts');
      prewarmPipelineWorker();
      const { build, preview } = await import('astro');
      const outDir = typeof values.out === 'string' ? resolve(values.out) : resolve(projectRoot, 'dist');
      // Astro joins configFile onto the root, so it must be root-relative.
      const configFile = typeof values.config === 'string' ? relative(projectRoot, resolve(values.config)) : undefined;
      // Astro writes its prerender bundle to <cwd>/.astro/ when the output folder is outside the working
      // directory, so two such builds of one checkout (parallel tests, CI jobs) would overwrite each
      // other's. Each such build works from its own folder inside the project (the bundle must stay
      // under node_modules' reach), removed afterwards. Every path is made absolute first.
      for (const name of ['PLAYBILL_REPOS', 'PLAYBILL_CACHE_DIR']) {
        if (process.env[name]) process.env[name] = resolve(process.env[name]!);
      }
      let workDir: string | undefined;
      if (!outDir.startsWith(process.cwd() + sep)) {
        mkdirSync(join(projectRoot, '.astro'), { recursive: true });
        workDir = mkdtempSync(join(projectRoot, '.astro', 'build-'));
        process.chdir(workDir);
        process.once('exit', () => rmSync(workDir!, { recursive: true, force: true }));
      }
      try {
        // PLAYBILL_CACHE_DIR (tests, parallel CI jobs) keeps Astro's cache beside Playbill's, so
        // concurrent builds of one checkout do not share either.
        const cacheDir = process.env.PLAYBILL_CACHE_DIR ? resolve(process.env.PLAYBILL_CACHE_DIR, 'astro') : undefined;
        await build({ root: projectRoot, outDir, logLevel: 'info', ...(configFile ? { configFile } : {}), ...(cacheDir ? { cacheDir } : {}) });
      } catch (error) {
        // A failure can quote a repo's file names: each line of it printable, the stack's own line breaks kept.
        const message = error instanceof Error ? error.message : String(error);
        const { printable } = await import('../src/vocabulary/printable.ts');
        console.error(`\nBuild failed: ${message.split('\n').map(printable).join('\n')}`);
        return 1;
      }
      if (command === 'build') return 0;
      const server = await preview({
        root: projectRoot,
        ...(configFile ? { configFile } : {}),
        outDir,
        server: { port: Number(values.port ?? 4321), host: typeof values.host === 'string' ? values.host : 'localhost' },
      });
      console.log(`Playbill is serving ${basename(outDir)}/ — press Ctrl+C to stop.`);
      await server.closed();
      return 0;
    }
    default:
      console.error(`unknown command "${command}"; use build, start or check`);
      return 2;
  }
}

process.exitCode = await main();
