import type { APIRoute } from 'astro';
import { getSite } from '../site/load-site.ts';

/** catalog.json: every valid entity in Backstage's shape with relations and source, sorted by ref. */
export const GET: APIRoute = async () =>
  new Response(`${JSON.stringify({ entities: (await getSite()).entities }, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
