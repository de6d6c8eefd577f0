import { z } from 'zod';
import { repoBudgetUsageSchema } from './repo-budget.ts';

/** A repo as the site data lists it: its checkout folder (build-side only: never rendered), its counts, its budgets' use. */
export const repoSummarySchema = z.object({
  name: z.string(),
  dir: z.string(),
  entities: z.number(),
  errors: z.number(),
  warnings: z.number(),
  /** What the repo has used of its budgets so far, for the plugin stage (which may run on another thread). */
  budgetUsed: repoBudgetUsageSchema.optional(),
});
export type RepoSummary = z.infer<typeof repoSummarySchema>;
