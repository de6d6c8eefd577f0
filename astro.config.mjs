// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import mdx from '@astrojs/mdx';
import playbill, { directory } from './integrations/playbill.ts';
import { apiDocs } from './integrations/plugins/api-docs/index.ts';
import { catalogGraph } from './integrations/plugins/catalog-graph/index.ts';
import { coverage } from './integrations/plugins/coverage/index.ts';
import { github } from './integrations/plugins/github/index.ts';
import { kubernetes } from './integrations/plugins/kubernetes/index.ts';
// A third-party plugin, imported by its package name as from npm (here linked from integrations/examples/).
import { sonarqube } from 'playbill-plugin-sonarqube';

export default defineConfig({
  integrations: [
    playbill({
      title: 'Encore developer portal',
      // The bundled example organisation; `npm run build -- --repos DIR` builds any folder of repos.
      sources: [directory('content/example-org')],
      // Plugins fetch from recorded responses here, so the example shows every panel offline.
      // A real portal drops this line and gives the plugins their services' URLs and tokens.
      fetch: { recordings: 'content/recordings' },
      plugins: [
        // Reads API definitions from the catalog and the repos: no requests, no recordings.
        apiDocs(),
        coverage(),
        github(),
        // KUBERNETES_TOKEN is unset here: the recorded responses need no token.
        kubernetes({ clusters: [{ name: 'production', url: 'https://k8s.example.internal', tokenEnv: 'KUBERNETES_TOKEN' }] }),
        sonarqube({ baseUrl: 'https://sonarqube.encore.example', tokenEnv: 'SONAR_TOKEN' }),
        catalogGraph(),
      ],
    }),
    react(),
    mdx(),
  ],
});
