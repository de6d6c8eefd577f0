// The plain-Astro baseline of the benchmarks: the same synthetic input Playbill builds, rendered by
// Astro alone, in the mode BENCH_PLAIN_MODE names (set by bench/catalog.ts and bench/docs.ts):
//
//   catalog  the catalog bench's entities, read from the JSON list named by BENCH_ENTITIES_JSON:
//            an index of every entity and one page per entity (no Playbill loaders, relations,
//            search, etc.; src/catalog/).
//   docs     the docs bench's TechDocs markdown, read from the repos in BENCH_DOCS_DIR with the site
//            list (component, site name, mkdocs nav) from BENCH_DOCS_SITES_JSON: a content
//            collection rendered with Astro's default markdown configuration (the native Sätteri
//            processor in Astro 7, default syntax highlighting), one page per markdown file and an
//            index of the sites (src/docs/).
//
// Each mode is its own source folder (Astro's srcDir), whose pages are injected as routes (there is
// no pages/ folder): a build renders only its own mode's pages, and the catalog mode has no content
// config, whose sync alone would add to its build what the catalog baseline never did. With BENCH_PAGEFIND=1 (the catalog bench's `plain-search` build) it also indexes
// its pages with pagefind's Node API at the end of the build, as Playbill does: the same Astro
// pages plus the same search pass, so Playbill can be compared with a baseline that does what
// search costs. Dependencies resolve from the repo root's node_modules; this folder has no
// package.json of its own.
import { defineConfig } from 'astro/config';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const mode = process.env.BENCH_PLAIN_MODE;
if (mode !== 'catalog' && mode !== 'docs') throw new Error('BENCH_PLAIN_MODE must be catalog or docs (run through `npm run bench`)');

/** Each mode's pages: URL pattern → page component. */
const ROUTES = {
  catalog: {
    '/': './src/catalog/index.astro',
    '/catalog/[namespace]/[kind]/[name]': './src/catalog/entity.astro',
  },
  docs: {
    '/': './src/docs/index.astro',
    '/docs/[...slug]': './src/docs/page.astro',
  },
};

/** @returns {import('astro').AstroIntegration} */
function modeRoutes() {
  return {
    name: 'bench-plain-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        // URLs, not relative paths: Astro resolves a relative entrypoint from the working directory,
        // which is the checkout, not this folder, when the bench runs with --in-place.
        for (const [pattern, page] of Object.entries(ROUTES[mode])) injectRoute({ pattern, entrypoint: new URL(page, import.meta.url) });
      },
    },
  };
}

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
  srcDir: `./src/${mode}`,
  output: 'static',
  build: { format: 'directory' },
  integrations: [modeRoutes(), ...(process.env.BENCH_PAGEFIND === '1' ? [pagefindIndex()] : [])],
  // keep Vite/Astro caches (and the content layer's data store) out of the repo so every bench run is a cold build
  ...(process.env.BENCH_CACHE_DIR
    ? { cacheDir: process.env.BENCH_CACHE_DIR, vite: { cacheDir: `${process.env.BENCH_CACHE_DIR}/vite` } }
    : {}),
  telemetry: false,
  devToolbar: { enabled: false },
});
