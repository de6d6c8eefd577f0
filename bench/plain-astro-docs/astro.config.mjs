// Plain-Astro docs baseline for `npm run bench -- --docs N`: the same synthetic TechDocs
// markdown rendered by Astro alone, with Astro's default markdown configuration (the native
// Sätteri processor in Astro 7, default syntax highlighting). Reads the generated repos from
// BENCH_DOCS_DIR and the site list (component name, site name, mkdocs nav) from
// BENCH_DOCS_SITES_JSON, both written by bench/run.ts. Dependencies resolve from the repo
// root's node_modules; this folder has no package.json of its own.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  build: { format: 'directory' },
  // keep Vite/Astro caches (and the content layer's data store) out of the repo: cold builds
  ...(process.env.BENCH_CACHE_DIR
    ? { cacheDir: process.env.BENCH_CACHE_DIR, vite: { cacheDir: `${process.env.BENCH_CACHE_DIR}/vite` } }
    : {}),
  telemetry: false,
  devToolbar: { enabled: false },
});
