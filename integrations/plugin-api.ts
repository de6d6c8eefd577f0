/**
 * Playbill's plugin API: everything a plugin author needs, and nothing else.
 *
 * A plugin fetches data for entities at build time and describes what to show: a card on the
 * entity page, a tab of its own, badges in the catalog explorer, fields for search and for
 * catalog.json, and whole pages. Playbill runs every plugin's fetches with bounded concurrency,
 * timeouts, retries and an on-disk cache, validates the data against the plugin's schema, and
 * turns any failure into a located problem and an "unavailable" panel; one plugin failing for one
 * entity never costs anything else. See ARCHITECTURE.md, "Writing a plugin".
 *
 * The contract itself lives with the plugin stage that runs it (src/plugins/plugin-contract.ts); this
 * module only hands it on, with zod, so a plugin imports one specifier, `playbill/plugin-api`.
 *
 *   export const pagerduty = definePlugin({
 *     name: 'pagerduty',
 *     title: 'On call',
 *     options: z.object({ baseUrl: z.url(), tokenEnv: z.string().default('PAGERDUTY_TOKEN') }),
 *     create: (options) => ({
 *       appliesTo: (entity) => Boolean(entity.metadata.annotations?.['pagerduty.com/service-id']),
 *       data: z.object({ onCall: z.array(z.string()) }),
 *       fetch: async (entity, context) => ({ onCall: ... await context.fetchJson(...) ... }),
 *       card: (data) => ({ blocks: [{ type: 'text', text: data.onCall.join(', ') }] }),
 *     }),
 *   });
 */
export { z } from 'zod';
export * from '../src/plugins/plugin-contract.ts';
