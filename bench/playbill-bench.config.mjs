// @ts-check
// The config every benchmark builds Playbill with (`--config bench/playbill-bench.config.mjs`):
// the example's config minus what needs the network. The built-in plugins that work from the
// catalog and the repos alone (API reference, catalog graph) stay on, since a portal would run
// them; GitHub, Kubernetes and SonarQube are measured on their own (`npm run bench -- --plugins`),
// against local services, and the example's recorded responses would not match synthetic repos.
import { defineConfig } from 'astro/config';
import playbill from '../integrations/playbill.ts';
import { apiDocs } from '../integrations/plugins/api-docs/index.ts';
import { catalogGraph } from '../integrations/plugins/catalog-graph/index.ts';

export default defineConfig({
  integrations: [playbill({ title: 'Bench portal', plugins: [apiDocs(), catalogGraph()] })],
});
