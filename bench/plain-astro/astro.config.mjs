// Plain-Astro baseline for `npm run bench`: the same synthetic catalog rendered by Astro
// alone (no Playbill loaders, relations, search, etc.). Reads entities from the JSON file
// named by BENCH_ENTITIES_JSON (written by bench/run.ts). Dependencies resolve from the
// repo root's node_modules; this folder has no package.json of its own.
//
// With BENCH_PAGEFIND=1 (the bench's `plain-search` build) it also indexes its pages with
// pagefind's Node API at the end of the build, as Playbill does: the same Astro pages plus the
// same search pass, so Playbill can be compared with a baseline that does what search costs.
import { defineConfig } from 'astro/config';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @returns {import('astro').AstroIntegration} */
function pagefindIndex() {
  return {
    name: 'bench-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { close, createIndex } = await import('pagefind');
        const out = fileURLToPath(dir);
        const started = performance.now();
        try {
          const { index, errors } = await createIndex({});
          if (!index) throw new Error(errors.join('\n'));
          const added = await index.addDirectory({ path: out });
          await mkdir(join(out, 'pagefind'), { recursive: true });
          const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
          if (added.errors.length || written.errors.length) throw new Error([...added.errors, ...written.errors].join('\n'));
          logger.info(`search ${added.page_count} pages indexed (${Math.round(performance.now() - started)} ms)`);
        } finally {
          await close();
        }
      },
    },
  };
}

export default defineConfig({
  output: 'static',
  build: { format: 'directory' },
  integrations: process.env.BENCH_PAGEFIND === '1' ? [pagefindIndex()] : [],
  // keep Vite/Astro caches out of the repo so every bench run is a cold build
  ...(process.env.BENCH_CACHE_DIR
    ? { cacheDir: process.env.BENCH_CACHE_DIR, vite: { cacheDir: `${process.env.BENCH_CACHE_DIR}/vite` } }
    : {}),
  telemetry: false,
  devToolbar: { enabled: false },
});
