import { z } from 'zod';
import type { Problem } from '../vocabulary/problems.ts';

/** The stages a repo's budget is spent in, in pipeline order. */
export const budgetStageSchema = z.enum(['catalog', 'docs', 'plugins']);
export type BudgetStage = z.infer<typeof budgetStageSchema>;

/** The units of work a spent budget skips, each checked for before it starts. */
export const skippedUnitSchema = z.enum(['descriptor', 'docs-page', 'plugin-call']);
export type SkippedUnit = z.infer<typeof skippedUnitSchema>;
const unitWords: Record<SkippedUnit, [one: string, many: string]> = {
  descriptor: ['descriptor file was not read', 'descriptor files were not read'],
  'docs-page': ['docs page was not rendered', 'docs pages were not rendered'],
  'plugin-call': ['plugin call was not made', 'plugin calls were not made'],
};

/**
 * What one repo may cost a build (`budgets` in the options), so that one hostile or runaway repo
 * cannot take the portal down. When either is spent, the repo's remaining work (descriptors, docs
 * pages, plugin calls for its entities) is skipped, with one `budget-exceeded` problem for the repo.
 */
export const budgetLimitsSchema = z
  .object({
    /** Wall-clock time of the repo's own work across the catalog, docs and plugin stages. */
    repoMs: z.number().int().positive().default(10 * 60_000),
    /** Bytes read from the repo's files, plus what its docs pages expanded to when rendered. */
    repoBytes: z.number().int().positive().default(512 * 1024 * 1024),
  })
  .strict()
  .prefault({});
export type BudgetLimits = z.output<typeof budgetLimitsSchema>;

/**
 * What one repo has used so far. It crosses to the plugin stage with the site data (which may run
 * on the main thread, after the worker), so the budget holds across every stage.
 */
export const repoBudgetUsageSchema = z.object({
  ms: z.number().nonnegative(),
  bytes: z.number().nonnegative(),
  /** Which budget ran out first, and in which stage. */
  exhausted: z.object({ budget: z.enum(['time', 'bytes']), stage: budgetStageSchema }).optional(),
  /** Work skipped since, per stage and unit. */
  skipped: z.array(z.object({ stage: budgetStageSchema, unit: skippedUnitSchema, count: z.number().int().positive() })),
  /** The first unit skipped, where the problem is located. */
  first: z.object({ file: z.string(), line: z.number().int().nonnegative() }).optional(),
});
export type RepoBudgetUsage = z.infer<typeof repoBudgetUsageSchema>;

/**
 * One repo's time and memory for a build: time is the wall-clock time during which some of its
 * work (descriptors, docs pages, plugin calls for its entities) is under way, overlapping work
 * counted once; bytes are what was read from it and what its docs expanded to. Checked between
 * units of work, since synchronous work cannot be interrupted; once spent, the rest is skipped.
 */
export class RepoBudget {
  readonly repo: string;
  readonly limits: BudgetLimits;
  readonly #usage: RepoBudgetUsage;
  /** The stage under way, which a spent budget is reported in. */
  stage: BudgetStage = 'catalog';
  #active = 0;
  #since = 0;

  constructor(repo: string, limits: BudgetLimits, usage?: RepoBudgetUsage) {
    this.repo = repo;
    this.limits = limits;
    this.#usage = usage ? structuredClone(usage) : { ms: 0, bytes: 0, skipped: [] };
  }

  /** Runs `work` as this repo's, counting its time. */
  async measure<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active++ === 0) this.#since = performance.now();
    try {
      return await work();
    } finally {
      if (--this.#active === 0) this.#usage.ms += performance.now() - this.#since;
    }
  }

  get #ms(): number {
    return this.#usage.ms + (this.#active > 0 ? performance.now() - this.#since : 0);
  }

  /** Counts bytes read from the repo or expanded from it. */
  charge(bytes: number): void {
    this.#usage.bytes += bytes;
  }

  /** Whether reading `bytes` more would go over the byte budget (and, if so, that it is spent). */
  wouldExceedBytes(bytes: number): boolean {
    if (this.#usage.bytes + bytes <= this.limits.repoBytes) return false;
    this.#usage.exhausted ??= { budget: 'bytes', stage: this.stage };
    return true;
  }

  /**
   * Called before a unit of work: true (and the unit counted as skipped) once either budget is spent.
   */
  refuses(unit: SkippedUnit, at: { file: string; line?: number }): boolean {
    const stage = this.stage;
    if (!this.#usage.exhausted) {
      if (this.#ms >= this.limits.repoMs) this.#usage.exhausted = { budget: 'time', stage };
      else if (this.#usage.bytes >= this.limits.repoBytes) this.#usage.exhausted = { budget: 'bytes', stage };
      else return false;
    }
    const entry = this.#usage.skipped.find((skip) => skip.stage === stage && skip.unit === unit);
    if (entry) entry.count++;
    else this.#usage.skipped.push({ stage, unit, count: 1 });
    this.#usage.first ??= { file: at.file, line: at.line ?? 0 };
    return true;
  }

  /** Why a unit was skipped, for a panel that says so. */
  skipReason(): string {
    const budget = this.#usage.exhausted?.budget === 'bytes' ? 'read budget (budgets.repoBytes)' : 'time budget (budgets.repoMs)';
    return `not fetched: repo ${this.repo} has used its ${budget}`;
  }

  /** Why a read was refused, for the reader's own problem. */
  readRefusal(path: string): string {
    return `${path} was not read: repo ${this.repo} has used its read budget of ${formatBytes(this.limits.repoBytes)} (budgets.repoBytes)`;
  }

  usage(): RepoBudgetUsage {
    return structuredClone({ ...this.#usage, ms: Math.round(this.#ms) });
  }

  /** The one problem for this repo once a budget ran out, naming it and everything skipped; else null. */
  problem(): Problem | null {
    const { exhausted, skipped, first } = this.#usage;
    if (!exhausted) return null;
    const budget =
      exhausted.budget === 'time'
        ? `its time budget of ${formatSeconds(this.limits.repoMs)} (budgets.repoMs)`
        : `its read budget of ${formatBytes(this.limits.repoBytes)} (budgets.repoBytes)`;
    const order = budgetStageSchema.options;
    const lost = [...skipped]
      .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage))
      .map((skip) => `${skip.count} ${unitWords[skip.unit][skip.count === 1 ? 0 : 1]}`);
    return {
      severity: 'error',
      repo: this.repo,
      file: first?.file ?? '',
      line: first?.line ?? 0,
      column: 0,
      code: 'budget-exceeded',
      message: `Repo ${this.repo} used ${budget} in the ${exhausted.stage} stage${lost.length > 0 ? `; ${lost.join(', ')}` : ''}.`,
    };
  }
}

/** The budgets of every repo of a build, by repo name. */
export class RepoBudgets {
  readonly limits: BudgetLimits;
  readonly #byRepo = new Map<string, RepoBudget>();
  #stage: BudgetStage = 'catalog';

  constructor(limits: BudgetLimits, usage: Iterable<[string, RepoBudgetUsage]> = []) {
    this.limits = limits;
    for (const [repo, used] of usage) this.#byRepo.set(repo, new RepoBudget(repo, limits, used));
  }

  /** Marks the stage under way, for every repo. */
  enter(stage: BudgetStage): void {
    this.#stage = stage;
    for (const budget of this.#byRepo.values()) budget.stage = stage;
  }

  of(repo: string): RepoBudget {
    let budget = this.#byRepo.get(repo);
    if (!budget) {
      budget = new RepoBudget(repo, this.limits);
      budget.stage = this.#stage;
      this.#byRepo.set(repo, budget);
    }
    return budget;
  }

  problems(): Problem[] {
    return [...this.#byRepo.values()].map((budget) => budget.problem()).filter((problem) => problem !== null);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
