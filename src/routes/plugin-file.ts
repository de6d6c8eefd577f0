import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../site/load-site.ts';

/** A JSON file contributed by a plugin (e.g. the catalog graph's relations), at `plugins/<plugin>/<name>.json`. */
export const getStaticPaths: GetStaticPaths = async () =>
  (await getSite()).pluginFiles.map((file) => ({
    params: { plugin: file.plugin, file: file.path.replace(/\.json$/, '') },
    props: { from: file.from },
  }));

export const GET: APIRoute = async ({ props }) =>
  new Response(await readFile((props as { from: string }).from, 'utf8'), { headers: { 'Content-Type': 'application/json' } });
