import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definePlugin, z } from '../../integrations/plugin-api.ts';
import { catalogGraph } from '../../integrations/plugins/catalog-graph/index.ts';
import { parsePlaybillOptions } from '../../src/config/options.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { makeRepos } from '../support/temp-repos.ts';

// Backstage accepts names in any case and keys entities by their lower-cased ref (`component:default/ticketservice`).
const descriptors = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: TicketService
spec: { type: service, lifecycle: production, owner: SalesTeam, providesApis: [TicketsAPI] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: TicketsAPI
spec: { type: openapi, lifecycle: production, owner: SalesTeam, definition: 'openapi: 3.0.0' }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: SalesTeam
spec: { type: team, children: [] }
`;

const notes = definePlugin({
  name: 'notes',
  title: 'Notes',
  create: () => ({
    appliesTo: () => true,
    data: z.object({ text: z.string() }),
    fetch: async (entity) => ({ text: `notes for ${entity.metadata.name}` }),
    card: (data) => ({ blocks: [{ type: 'text', text: data.text }] }),
  }),
});

describe('entities named in mixed case', () => {
  it('keep their plugin panels, and the catalog graph draws their relations to them, not to a missing node', async () => {
    const { root } = await makeRepos({ shop: { 'catalog-info.yaml': descriptors } });
    const options = parsePlaybillOptions({ sources: [{ type: 'directory', path: root }], cacheDir: join(root, '.cache'), plugins: [notes(), catalogGraph()] });
    const { site } = await runPipeline(options, { root });

    expect(site.views.map((view) => view.ref).sort()).toEqual(['api:default/ticketsapi', 'component:default/ticketservice', 'group:default/salesteam']);
    for (const view of site.views) {
      expect(view.cards?.map((card) => card.plugin), view.ref).toEqual(expect.arrayContaining(['notes', 'catalog-graph']));
      expect(view.cards?.find((card) => card.plugin === 'notes')?.content?.blocks).toEqual([{ type: 'text', text: `notes for ${view.title}` }]);
    }
    const service = site.views.find((view) => view.ref === 'component:default/ticketservice')!;
    const graph = service.cards!.find((card) => card.plugin === 'catalog-graph')!.content!.blocks.find((block) => block.type === 'graph')!;
    if (graph.type !== 'graph') throw new Error('no graph block');
    expect(graph.nodes.map((node) => node.id).sort()).toEqual(['api:default/ticketsapi', 'component:default/ticketservice', 'group:default/salesteam']);
    expect(graph.nodes.filter((node) => node.caption?.includes('not in the catalog'))).toEqual([]);
    expect(site.problems.filter((problem) => problem.code === 'plugin-failed')).toEqual([]);
  });
});
