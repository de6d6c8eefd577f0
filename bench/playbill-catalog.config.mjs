// @ts-check
// The bench's `playbill-catalog` build: the catalog portal alone, as the catalog issue specified
// it (validation, relations, entity pages, problems), without plugins; the bench also passes
// `--no-search`. Set against plain Astro, it is what Playbill's catalog adds to rendering the
// same pages; the default bench config adds the local plugins and the search index on top.
import { defineConfig } from 'astro/config';
import playbill from '../integrations/playbill.ts';

export default defineConfig({
  integrations: [playbill({ title: 'Bench portal', plugins: [] })],
});
