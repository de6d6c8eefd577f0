import type { APIRoute } from 'astro';
import { getSite } from '../site/load-site.ts';

/** problems.json: every problem found, sorted by repo, file and position. */
export const GET: APIRoute = async () =>
  new Response(`${JSON.stringify({ problems: (await getSite()).problems }, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
