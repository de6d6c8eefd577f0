/**
 * `npm run bench -- --plugins [N]`: the plugin stage against slow services. See BENCHMARKS.md ("Plugins").
 *
 * A synthetic organisation of N entities (generate-org.ts; every Component, API and Resource has
 * `github.com/project-slug` = its system's repo, and here every service and website Component
 * also gets `backstage.io/kubernetes-id`, services with `backstage.io/kubernetes-namespace`) is
 * loaded with the pipeline's own functions, then the plugin stage (`runPlugins`, as
 * `runPluginStage` calls it) runs the GitHub and Kubernetes plugins against the local mock
 * services answering after `latencyMs`, with the default fetch policy and a fresh cache; then
 * again with the same cache (a rebuild within the TTL). Per run: wall time of the stage, requests
 * made, the ideal (requests / concurrency x latency: every slot busy all the time, zero CPU) and
 * their ratio. Last line:
 *   plugins <N> entities: <ratio>x ideal (<R> requests, concurrency <C>, <L> ms), cached rebuild <R2> requests
 * Results: bench-out/bench-plugins-results.json (and bench-plugins-results-<N>.json).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { github } from '../integrations/plugins/github/index.ts';
import { kubernetes } from '../integrations/plugins/kubernetes/index.ts';
import { parsePlaybillOptions } from '../src/config/options.ts';
import { runPipeline } from '../src/pipeline.ts';
import { runPlugins, type PluginStageResult } from '../src/plugins/run-plugins.ts';
import { formatTable, gitState, liveTempDirs, log, machine, median, root, round } from './common.ts';
import { generateOrg, type GeneratedEntity } from '../support/generate-org.ts';
import { startPluginServices } from './plugin-services.ts';

export interface PluginsBenchOptions {
  entities: number;
  seed: number;
  runs: number;
  keep: boolean;
  /** Every mock answer waits this long. */
  latencyMs?: number;
}

/** The issue's target: the stage takes at most this many times the ideal. */
export const PLUGINS_TARGET_RATIO = 1.5;

/** Which generated entities run workloads: services and websites (a library is not deployed). */
export function kubernetesAnnotations(entity: GeneratedEntity): Record<string, string> | undefined {
  if (entity.kind !== 'Component' || (entity.spec.type !== 'service' && entity.spec.type !== 'website')) return undefined;
  return {
    'backstage.io/kubernetes-id': entity.metadata.name,
    // Services are looked up in their system's namespace, websites across all namespaces: both kinds of list request.
    ...(entity.spec.type === 'service' ? { 'backstage.io/kubernetes-namespace': String(entity.spec.system) } : {}),
  };
}

interface StageRun {
  wallMs: number;
  /** Share of the wall time the main thread's event loop was busy (CPU), 0..1: near 1, the stage is CPU-bound, not waiting on slots. */
  busy: number;
  requests: number;
  cached: number;
  retried: number;
  problems: number;
  byPlugin: { plugin: string; entities: number; failed: number; requests: number; cached: number; retried: number; ms: number }[];
}

export async function runPluginsBench(opts: PluginsBenchOptions): Promise<{ lastLine: string; ok: boolean }> {
  const latencyMs = opts.latencyMs ?? 20;
  const gitAtStart = gitState();
  mkdirSync(join(root, 'bench-out'), { recursive: true });
  const tmp = mkdtempSync(join(root, 'bench-out', 'tmp-plugins-'));
  liveTempDirs.add(tmp);
  try {
    log(`plugins: generating ${opts.entities} entities (seed ${opts.seed})`);
    const org = generateOrg({ dir: join(tmp, 'org'), entities: opts.entities, seed: opts.seed, annotate: kubernetesAnnotations });

    const options = parsePlaybillOptions({ sources: [{ type: 'directory', path: org.dir }], cacheDir: join(tmp, 'playbill') });
    const loadStarted = performance.now();
    const { site } = await runPipeline(options, { root: tmp });
    log(`plugins: pipeline loaded ${site.entities.length} entities in ${Math.round(performance.now() - loadStarted)} ms`);

    const slugs = [...new Set(site.entities.map((e) => e.metadata.annotations?.['github.com/project-slug']).filter((s): s is string => Boolean(s)))].sort();
    const workloads = site.entities.flatMap((e) => {
      const id = e.metadata.annotations?.['backstage.io/kubernetes-id'];
      return id ? [{ id, namespace: e.metadata.annotations?.['backstage.io/kubernetes-namespace'] ?? String(e.spec?.system ?? 'default') }] : [];
    });
    const services = await startPluginServices({ latencyMs, githubSlugs: slugs, workloads });
    log(`plugins: mock GitHub (${slugs.length} repos) and Kubernetes (${workloads.length} deployments) answering after ${latencyMs} ms`);

    // As runPluginStage derives it from the options: the default policy.
    const { recordings: _recordings, cacheTtlMinutes, ...fetchPolicy } = options.fetch;
    const policy = { ...fetchPolicy, cacheTtlMs: cacheTtlMinutes * 60_000 };
    const stage = async (cacheDir: string): Promise<StageRun> => {
      // New plugin instances per stage, as each build creates its own from astro.config.mjs.
      const plugins = [github({ baseUrl: services.githubUrl }), kubernetes({ clusters: [{ name: 'bench', url: services.kubernetesUrl }] })];
      const started = performance.now();
      const loopBefore = performance.eventLoopUtilization();
      const result: PluginStageResult = await runPlugins(plugins, site.entities, site.repos, {
        policy,
        cacheDir,
        transport: globalThis.fetch,
        sample: false,
        problemSeverity: options.pluginProblems,
        maxFileBytes: options.maxFileBytes,
        env: {},
      });
      const wallMs = performance.now() - started;
      const busy = performance.eventLoopUtilization(loopBefore).utilization;
      const byPlugin = result.stats.map((s) => ({ plugin: s.plugin, entities: s.entities, failed: s.failed, ...s.fetch, ms: Math.round(s.milliseconds) }));
      for (const problem of result.problems.slice(0, 3)) log(`plugins: problem: ${problem.message}`);
      return {
        wallMs,
        busy: round(busy, 3)!,
        requests: byPlugin.reduce((n, s) => n + s.requests, 0),
        cached: byPlugin.reduce((n, s) => n + s.cached, 0),
        retried: byPlugin.reduce((n, s) => n + s.retried, 0),
        problems: result.problems.length,
        byPlugin,
      };
    };

    const runs: { cold: StageRun; cachedRebuild: StageRun; idealMs: number; ratio: number; serverRequests: number; loadAverage: number[] }[] = [];
    try {
      for (let run = 1; run <= opts.runs; run++) {
        const cacheDir = join(tmp, `cache-${run}`, 'plugins');
        const before = await services.received();
        const loadAverage = loadavg().map((x) => round(x, 2)!);
        const cold = await stage(cacheDir);
        const after = await services.received();
        const cachedRebuild = await stage(cacheDir);
        const idealMs = (cold.requests / policy.concurrency) * latencyMs;
        const ratio = cold.wallMs / idealMs;
        const serverRequests = after.github + after.kubernetes - before.github - before.kubernetes;
        runs.push({ cold, cachedRebuild, idealMs, ratio, serverRequests, loadAverage });
        log(
          `plugins run ${run}/${opts.runs}: ${(cold.wallMs / 1000).toFixed(2)} s for ${cold.requests} requests (ideal ${(idealMs / 1000).toFixed(2)} s, ${ratio.toFixed(2)}x), ` +
            `cached rebuild ${cachedRebuild.requests} requests in ${(cachedRebuild.wallMs / 1000).toFixed(2)} s; event loop busy ${Math.round(cold.busy * 100)}%; load ${loadAverage.join(' ')}`,
        );
        rmSync(join(tmp, `cache-${run}`), { recursive: true, force: true });
      }
    } finally {
      await services.close();
    }

    const medianOf = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick))!;
    const summary = {
      wallMs: Math.round(medianOf((r) => r.cold.wallMs)),
      requests: medianOf((r) => r.cold.requests),
      idealMs: Math.round(medianOf((r) => r.idealMs)),
      ratio: round(medianOf((r) => r.ratio), 2)!,
      cachedRebuildRequests: Math.max(...runs.map((r) => r.cachedRebuild.requests)),
      cachedRebuildMs: Math.round(medianOf((r) => r.cachedRebuild.wallMs)),
    };
    const problems = runs.reduce((n, r) => n + r.cold.problems + r.cachedRebuild.problems, 0);
    const mismatch = runs.some((r) => r.serverRequests !== r.cold.requests);
    const report = {
      date: new Date().toISOString(),
      git: gitAtStart,
      machine: machine(),
      entities: org.entities,
      seed: opts.seed,
      latencyMs,
      policy: { concurrency: policy.concurrency, timeoutMs: policy.timeoutMs, retries: policy.retries },
      applicable: Object.fromEntries(runs[0]!.cold.byPlugin.map((s) => [s.plugin, s.entities])),
      services: { githubRepos: slugs.length, kubernetesDeployments: workloads.length },
      runs: runs.map((r) => ({ ...r, cold: { ...r.cold, wallMs: Math.round(r.cold.wallMs) }, cachedRebuild: { ...r.cachedRebuild, wallMs: Math.round(r.cachedRebuild.wallMs) }, idealMs: Math.round(r.idealMs), ratio: round(r.ratio, 3) })),
      summary,
      targets: { ratio: PLUGINS_TARGET_RATIO, cachedRebuildRequests: 0 },
    };
    for (const file of ['bench-plugins-results.json', `bench-plugins-results-${opts.entities}.json`]) writeFileSync(join(root, 'bench-out', file), JSON.stringify(report, null, 2) + '\n');

    console.log(
      formatTable([
        ['plugin', 'entities', 'requests', 'from cache', 'retried', 'failed', 'time'],
        ...runs[0]!.cold.byPlugin.map((s) => [s.plugin, String(s.entities), String(s.requests), String(s.cached), String(s.retried), String(s.failed), `${(s.ms / 1000).toFixed(2)} s`]),
      ]),
    );
    console.log(
      formatTable([
        ['run', 'stage wall', 'requests', 'ideal', 'ratio', 'loop busy', 'cached rebuild', 'load avg (1 min)'],
        ...runs.map((r, i) => [String(i + 1), `${(r.cold.wallMs / 1000).toFixed(2)} s`, String(r.cold.requests), `${(r.idealMs / 1000).toFixed(2)} s`, `${r.ratio.toFixed(2)}x`, `${Math.round(r.cold.busy * 100)}%`, `${r.cachedRebuild.requests} requests, ${(r.cachedRebuild.wallMs / 1000).toFixed(2)} s`, String(r.loadAverage[0])]),
      ]),
    );
    if (problems) log(`plugins: ${problems} plugin problems: the services should answer everything`);
    if (mismatch) log('plugins: the servers received a different number of requests than the stage counted');
    const ok = problems === 0 && !mismatch;
    const lastLine =
      `plugins ${org.entities} entities: ${summary.ratio.toFixed(2)}x ideal (${summary.requests} requests, concurrency ${policy.concurrency}, ${latencyMs} ms), ` +
      `cached rebuild ${summary.cachedRebuildRequests} requests${opts.runs > 1 ? ` (median of ${opts.runs})` : ''}${ok ? '' : ' (FAILED: see stderr)'}`;
    return { lastLine, ok };
  } finally {
    if (opts.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    liveTempDirs.delete(tmp);
  }
}
