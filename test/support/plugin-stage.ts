import type { PluginStageOptions } from '../../src/plugins/run-plugins.ts';

/**
 * Plugin stage options for tests: the network as it is (tests talk to local servers), short
 * timeouts and backoff so failures are quick, no sample data, warnings. Tests override what they
 * exercise (`policy: { retries: 2 }`, `env: { TOKEN: … }`, a recorded `transport`).
 */
export function testStageOptions(
  cacheDir: string,
  overrides: Omit<Partial<PluginStageOptions>, 'policy'> & { policy?: Partial<PluginStageOptions['policy']> } = {},
): PluginStageOptions {
  const { policy, ...rest } = overrides;
  return {
    policy: { concurrency: 4, timeoutMs: 2000, retries: 0, backoffMs: 10, maxRateLimitWaitMs: 1000, cacheTtlMs: 60_000, offline: false, entityTimeoutMs: 10_000, ...policy },
    cacheDir,
    transport: globalThis.fetch,
    sample: false,
    problemSeverity: 'warning',
    maxFileBytes: 1024 * 1024,
    env: {},
    ...rest,
  };
}
