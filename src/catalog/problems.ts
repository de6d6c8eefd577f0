import { z } from 'zod';
import { problemCodes, problemSeverities, type Problem } from '../vocabulary/problems.ts';

/** What kind of mistake a problem is (`problemCodes` in the vocabulary, where the list is declared). */
export const problemCodeSchema = z.enum(problemCodes);

/** One mistake found in the input, located precisely enough to fix it. Shape of each item in problems.json. */
export const problemSchema = z.object({
  /** `error`: something was skipped. `warning`: loaded, but probably not what the author meant. */
  severity: z.enum(problemSeverities),
  /** Repo name as shown in the portal (the source folder name or git source name). */
  repo: z.string(),
  /** Path of the file inside the repo, with forward slashes. Empty for a problem with the whole repo. */
  file: z.string(),
  /** 1-based line; 0 when the problem has no position (an unreadable file). */
  line: z.number().int().nonnegative(),
  /** 1-based column; 0 when unknown. */
  column: z.number().int().nonnegative(),
  /** The entity the problem belongs to, when it is known (`kind:namespace/name`). */
  entityRef: z.string().optional(),
  code: problemCodeSchema,
  /** The plugin that reported it, for plugin problems. */
  plugin: z.string().optional(),
  /** A sentence a person understands. */
  message: z.string(),
}) satisfies z.ZodType<Problem>;

export const problemsFileSchema = z.object({ problems: z.array(problemSchema) });
export type ProblemsFile = z.infer<typeof problemsFileSchema>;
