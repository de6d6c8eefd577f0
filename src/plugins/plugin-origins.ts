/**
 * Plugins cross to the pipeline worker thread as their origins (module, name, options), since a
 * plugin object is made of functions that cannot be copied to another thread. The worker imports
 * each module and calls the plugin's factory again with the same options.
 */
import { pluginFactoryKey, type PlaybillPlugin, type PluginOrigin } from './plugin-contract.ts';

export type { PluginOrigin };

/**
 * The origins of all the plugins when every one of them can be made again on the worker, or the
 * reason one cannot. All or none: the stage's output does not depend on where it ran, and
 * splitting it would run the stage in two places, each on its own copy of the site data.
 */
export function pluginOriginsOf(plugins: readonly PlaybillPlugin[]): { origins: PluginOrigin[] } | { reason: string } {
  const origins: PluginOrigin[] = [];
  for (const plugin of plugins) {
    if (!plugin.origin) return { reason: `the ${plugin.name} plugin does not name its module (definePlugin's \`module: import.meta.url\`)` };
    try {
      structuredClone(plugin.origin.options);
    } catch {
      return { reason: `the ${plugin.name} plugin's options hold a value that cannot be copied to a thread, such as a function` };
    }
    origins.push(plugin.origin);
  }
  return { origins };
}

/** Makes the plugins again from their origins, in order: imports each module and calls its factory for the plugin. */
export async function loadPlugins(origins: readonly PluginOrigin[]): Promise<PlaybillPlugin[]> {
  return Promise.all(
    origins.map(async ({ module, name, options }) => {
      const exports = (await import(module)) as Record<string, unknown>;
      const factory = Object.values(exports).find(
        (value): value is (options: unknown) => PlaybillPlugin =>
          typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[pluginFactoryKey] === name,
      );
      if (!factory) {
        throw new Error(`The ${name} plugin names ${module} as its module, but that module exports no factory for it: export what definePlugin returned.`);
      }
      return factory(options);
    }),
  );
}
