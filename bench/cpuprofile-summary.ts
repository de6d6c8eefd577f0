/**
 * Summarises V8 `.cpuprofile` files (from `node --cpu-prof`): self time by function and
 * by module (package or project file), so a bench run can say where a build spends time.
 *
 * CLI: node bench/cpuprofile-summary.ts <file-or-dir>... [--top 25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  files: number;
  totalMs: number;
  byFunction: { name: string; ms: number; pct: number }[];
  byModule: { module: string; ms: number; pct: number }[];
  /** Time with at least one frame of the module on the stack (callees included). */
  inclusiveByModule: { module: string; ms: number; pct: number }[];
  /** Inclusive time of functions defined in project files (not node_modules / node internals). */
  inclusiveProjectFunctions: { name: string; ms: number; pct: number }[];
}

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Coarse bucket for a script URL: npm package, project file, node internals or V8 pseudo-frames. */
function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  let path = url;
  if (url.startsWith('file://')) {
    try {
      path = fileURLToPath(url);
    } catch {
      return url;
    }
  }
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.startsWith(repoRoot) ? relative(repoRoot, path) : path;
}

/** Project source (repo files, Astro's compiled page chunks), as opposed to packages and runtime. */
function isProjectModule(mod: string): boolean {
  return !mod.startsWith('(') && !mod.startsWith('node:') && (mod.includes('/') || mod.includes('.')) && !mod.startsWith('wasm:');
}

function listProfiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const i of inputs) {
    if (statSync(i).isDirectory()) {
      for (const f of readdirSync(i)) if (f.endsWith('.cpuprofile')) out.push(join(i, f));
    } else out.push(i);
  }
  return out.sort();
}

export function summarizeProfiles(inputs: string[], top = 25): ProfileSummary {
  const files = listProfiles(inputs);
  const byFn = new Map<string, number>();
  const byMod = new Map<string, number>();
  const inclMod = new Map<string, number>();
  const inclFn = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const prof = JSON.parse(readFileSync(f, 'utf8')) as Profile;
    const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    for (let i = 0; i < prof.samples.length; i++) {
      const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000; // delta to the next sample, µs -> ms
      self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
    }
    const parent = new Map<number, number>();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const label = (n: ProfileNode) => {
      const { functionName, url, lineNumber } = n.callFrame;
      const mod = moduleOf(url, functionName);
      return { mod, key: `${functionName || '(anonymous)'}  ${mod}${url ? `:${lineNumber + 1}` : ''}` };
    };
    for (const [id, ms] of self) {
      const n = nodes.get(id);
      if (!n) continue;
      const { mod, key } = label(n);
      byFn.set(key, (byFn.get(key) ?? 0) + ms);
      byMod.set(mod, (byMod.get(mod) ?? 0) + ms);
      total += ms;
      // walk up the stack once, counting each module / project function at most once
      const mods = new Set<string>();
      const fns = new Set<string>();
      for (let cur: ProfileNode | undefined = n; cur; cur = nodes.get(parent.get(cur.id) ?? -1)) {
        const l = label(cur);
        mods.add(l.mod);
        if (isProjectModule(l.mod)) fns.add(l.key);
      }
      for (const m of mods) inclMod.set(m, (inclMod.get(m) ?? 0) + ms);
      for (const f of fns) inclFn.set(f, (inclFn.get(f) ?? 0) + ms);
    }
  }
  const rank = <K extends string>(m: Map<string, number>, label: K) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => ({ [label]: k, ms: Math.round(ms), pct: total ? Math.round((ms / total) * 1000) / 10 : 0 }) as { [P in K]: string } & { ms: number; pct: number });
  return {
    files: files.length,
    totalMs: Math.round(total),
    byFunction: rank(byFn, 'name'),
    byModule: rank(byMod, 'module'),
    inclusiveByModule: rank(inclMod, 'module'),
    inclusiveProjectFunctions: rank(inclFn, 'name'),
  };
}

export function formatSummary(s: ProfileSummary): string {
  const lines = [`${s.files} profile(s), ${s.totalMs} ms sampled`, '', 'self time by module:'];
  for (const m of s.byModule) lines.push(`  ${String(m.ms).padStart(7)} ms ${String(m.pct).padStart(5)}%  ${m.module}`);
  lines.push('', 'self time by function:');
  for (const f of s.byFunction) lines.push(`  ${String(f.ms).padStart(7)} ms ${String(f.pct).padStart(5)}%  ${f.name}`);
  lines.push('', 'inclusive time by module (callees included):');
  for (const m of s.inclusiveByModule) lines.push(`  ${String(m.ms).padStart(7)} ms ${String(m.pct).padStart(5)}%  ${m.module}`);
  lines.push('', 'inclusive time of project functions:');
  for (const f of s.inclusiveProjectFunctions) lines.push(`  ${String(f.ms).padStart(7)} ms ${String(f.pct).padStart(5)}%  ${f.name}`);
  return lines.join('\n');
}

/**
 * Each tool's profiles of a bench run (the `prof-<tool>-<run>` folders of `tmp`), summarised and printed to stderr
 * under `label`; tools without profiles are left out.
 */
export function summarizeToolProfiles<T extends string>(tmp: string, tools: readonly T[], label: string): Partial<Record<T, ProfileSummary>> {
  const profiles: Partial<Record<T, ProfileSummary>> = {};
  for (const tool of tools) {
    const dirs = readdirSync(tmp).filter((d) => d.startsWith(`prof-${tool}-`)).map((d) => join(tmp, d));
    if (!dirs.length) continue;
    const summary = summarizeProfiles(dirs, 30);
    profiles[tool] = summary;
    process.stderr.write(`\n[bench] CPU profile, ${label}${tool}:\n${formatSummary(summary)}\n`);
  }
  return profiles;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const t = args.indexOf('--top');
  const top = t >= 0 ? Number(args.splice(t, 2)[1]) : 25;
  if (!args.length) {
    console.error('usage: node bench/cpuprofile-summary.ts <file-or-dir>... [--top 25]');
    process.exit(2);
  }
  console.log(formatSummary(summarizeProfiles(args, top)));
}
