import { z } from 'zod';
import type { BudgetLimits } from '../sources/index.ts';
import { isPlaybillPlugin, type PlaybillPlugin } from './plugin-contract.ts';

/** The plugin stage's options, as `playbill()` takes them (src/config/options.ts composes them). */
export const pluginOptionsSchema = z.object({
  /** Build-time integrations, e.g. `[kubernetes({...}), github({...})]`. */
  plugins: z
    .array(z.custom<PlaybillPlugin>(isPlaybillPlugin, 'not a Playbill plugin: call the plugin factory, e.g. github({ ... })'))
    .default([]),
  /** How plugins talk to external services. */
  fetch: z
    .object({
      /** Requests in flight at once, across all plugins. */
      concurrency: z.number().int().min(1).max(64).default(6),
      /** Per request attempt. */
      timeoutMs: z.number().int().positive().default(10_000),
      /** Extra attempts after a network error, timeout, 5xx or 429, with exponential backoff. */
      retries: z.number().int().min(0).max(10).default(2),
      backoffMs: z.number().int().min(0).default(500),
      /** Longest wait for a spent rate limit to reset; longer waits fail the request. */
      maxRateLimitWaitMs: z.number().int().min(0).default(60_000),
      /** Responses younger than this are reused from the cache without asking again. */
      cacheTtlMinutes: z.number().min(0).default(60),
      /** Time limit for one plugin's work on one entity, all its requests included. */
      entityTimeoutMs: z.number().int().positive().default(60_000),
      /** Build from the cache only (`--offline`); a request it cannot answer is a plugin problem. */
      offline: z.boolean().default(false),
      /** Folder of recorded API responses to answer requests from instead of the network; panels say "sample data". */
      recordings: z.string().min(1).optional(),
    })
    .strict()
    .prefault({}),
  /** Severity of plugin problems. `warning` (default): an outage never fails a `--strict` build; `error`: it does. */
  pluginProblems: z.enum(['warning', 'error']).default('warning'),
});

/** What the plugin stage takes from the configuration: its own options, and the limits it shares with the stages before it. */
export type PluginStageConfig = z.output<typeof pluginOptionsSchema> & {
  maxFileBytes: number;
  budgets: BudgetLimits;
  cacheDir: string;
};
