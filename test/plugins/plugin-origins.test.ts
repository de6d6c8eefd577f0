import { describe, expect, it } from 'vitest';
import { definePlugin, z } from '../../integrations/plugin-api.ts';
import { apiDocs } from '../../integrations/plugins/api-docs/index.ts';
import { catalogGraph } from '../../integrations/plugins/catalog-graph/index.ts';
import { loadPlugins, pluginOriginsOf } from '../../src/plugins/plugin-origins.ts';
import { notes, notesOnMainThread, probe } from '../fixtures/plugins-e2e/fault-plugins.ts';

const withCallback = definePlugin({
  name: 'callback',
  title: 'Callback',
  module: import.meta.url,
  options: z.object({ label: z.custom<(name: string) => string>((value) => typeof value === 'function') }),
  create: () => ({ appliesTo: () => false, data: z.unknown(), fetch: async () => null }),
});

describe('plugin origins', () => {
  it('describes plugins that name their module by module, name and the options they were given', () => {
    const result = pluginOriginsOf([apiDocs({ maxSchemaRows: 50 }), catalogGraph()]);
    expect(result).toEqual({
      origins: [
        { module: expect.stringMatching(/integrations\/plugins\/api-docs\/index\.ts$/), name: 'api-docs', options: { maxSchemaRows: 50 } },
        { module: expect.stringMatching(/integrations\/plugins\/catalog-graph\/index\.ts$/), name: 'catalog-graph', options: {} },
      ],
    });
  });

  it('keeps every plugin on the main thread when one does not name its module, and says which', () => {
    expect(pluginOriginsOf([notes(), notesOnMainThread()])).toEqual({ reason: 'the notes plugin does not name its module (definePlugin\'s `module: import.meta.url`)' });
  });

  it('keeps every plugin on the main thread when one has an option a thread cannot receive', () => {
    expect(pluginOriginsOf([notes(), withCallback({ label: (name) => name })])).toEqual({
      reason: "the callback plugin's options hold a value that cannot be copied to a thread, such as a function",
    });
  });

  it('makes the plugins again from their origins, with the same options', async () => {
    const result = pluginOriginsOf([probe({ baseUrl: 'http://127.0.0.1:9', tokenEnv: 'PROBE_TOKEN' }), notes()]);
    if (!('origins' in result)) throw new Error(result.reason);
    const [madeProbe, madeNotes] = await loadPlugins(structuredClone(result.origins));
    expect(madeProbe).toMatchObject({ name: 'probe', title: 'Probe', origin: { options: { baseUrl: 'http://127.0.0.1:9', tokenEnv: 'PROBE_TOKEN' } } });
    expect(madeNotes!.name).toBe('notes');
    expect(await madeNotes!.implementation.fetch({ metadata: { name: 'ledger' } } as never, {} as never)).toEqual({ text: 'Notes for ledger' });
  });

  it('fails with the plugin and module named when the module does not export its factory', async () => {
    await expect(loadPlugins([{ module: import.meta.url, name: 'missing', options: {} }])).rejects.toThrow(
      /The missing plugin names .*plugin-origins\.test\.ts as its module, but that module exports no factory for it/,
    );
  });
});
