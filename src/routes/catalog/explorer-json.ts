import type { APIRoute } from 'astro';
import { badgeColumns, buildExplorerFile } from '../../explorer/index.ts';
import { getSite } from '../../site/load-site.ts';

/** catalog/explorer.json: the catalog explorer's rows (src/explorer/explorer-file.ts), fetched by the island; plugin badges are extra columns. */
export const GET: APIRoute = async () => {
  const { views } = await getSite();
  return new Response(JSON.stringify(buildExplorerFile(views, badgeColumns(views))), { headers: { 'Content-Type': 'application/json' } });
};
