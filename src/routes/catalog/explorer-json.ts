import type { APIRoute } from 'astro';
import { buildExplorerFile } from '../../explorer/build-explorer-file.ts';
import { getSite } from '../../site/load-site.ts';

/** catalog/explorer.json: the catalog explorer's rows (src/explorer/explorer-file.ts), fetched by the island. */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(buildExplorerFile((await getSite()).views)), { headers: { 'Content-Type': 'application/json' } });
