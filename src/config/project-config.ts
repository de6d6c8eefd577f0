import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePlaybillOptions, type PlaybillOptions } from './options.ts';

/**
 * Where `playbill()` keeps the options it validated, on the integration it returns, so that a
 * command reading the project's config without Astro (`check`) sees what the build sees.
 * A registered symbol: the config may load its own copy of the integration module.
 */
export const playbillOptionsKey: unique symbol = Symbol.for('playbill.options') as never;

/** What `playbill()` returns: an Astro integration that also carries its options for `check`. */
export interface OptionsCarrier {
  [playbillOptionsKey]: PlaybillOptions;
}

/** The config files Astro looks for in a project's root, in its order. */
const configNames = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts'];

/**
 * The Playbill options of a project, from the config file the build would load (`configFile`, or
 * the first of Astro's names in `projectRoot`): its `playbill()` integration's, validated and with
 * its plugins. A project without a config file gets the defaults, as a build would.
 */
export async function loadProjectOptions(projectRoot: string, configFile?: string): Promise<PlaybillOptions> {
  const file = configFile ?? configNames.map((name) => join(projectRoot, name)).find((path) => existsSync(path));
  if (!file) return parsePlaybillOptions({});
  const config = (await importConfig(pathToFileURL(file).href)).default;
  const integration = (config?.integrations ?? [])
    .flat(Infinity)
    .find((candidate): candidate is OptionsCarrier => typeof candidate === 'object' && candidate !== null && playbillOptionsKey in candidate);
  if (!integration) throw new Error(`${file} has no playbill() integration, so there is no configuration to check against.`);
  return integration[playbillOptionsKey];
}

/**
 * The config module, evaluated by Node rather than Vite (so a config must import only what Node can,
 * as this project's does). `astro/config`'s entry loads Astro's config schemas, font providers and
 * svgo only to offer `defineConfig`, an identity function, which its own small module also exports:
 * a config that imports nothing else from it gets that module, and one that does is imported again
 * with the whole entry. `check` runs in every repo's CI, so its start-up is worth this.
 */
async function importConfig(url: string): Promise<{ default?: { integrations?: unknown[] } }> {
  const light = registerHooks?.({
    resolve: (specifier, context, nextResolve) => {
      const resolved = nextResolve(specifier, context);
      return specifier === 'astro/config' && resolved.url.endsWith('/dist/config/entrypoint.js') ? { ...resolved, url: new URL('index.js', resolved.url).href } : resolved;
    },
  });
  try {
    return await import(url);
  } catch (error) {
    // A named import the small module lacks (`envField`, an image service) fails to link, before the config runs.
    if (!light || !(error instanceof SyntaxError)) throw error;
    light.deregister();
    return await import(`${url}?astro-config=entry`);
  } finally {
    light?.deregister();
  }
}
