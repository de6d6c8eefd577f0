// Plain-Astro baseline for `npm run bench`: the same synthetic catalog rendered by Astro
// alone (no Playbill loaders, relations, search, etc.). Reads entities from the JSON file
// named by BENCH_ENTITIES_JSON (written by scripts/bench.ts). Dependencies resolve from the
// repo root's node_modules; this folder has no package.json of its own.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  build: { format: 'directory' },
  // keep Vite/Astro caches out of the repo so every bench run is a cold build
  ...(process.env.BENCH_CACHE_DIR
    ? { cacheDir: process.env.BENCH_CACHE_DIR, vite: { cacheDir: `${process.env.BENCH_CACHE_DIR}/vite` } }
    : {}),
  telemetry: false,
  devToolbar: { enabled: false },
});
