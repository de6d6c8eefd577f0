import { z } from 'zod';

/** The catalog's options, as `playbill()` takes them (src/config/options.ts composes them). */
export const catalogOptionsSchema = z.object({
  /**
   * Extra descriptor globs, relative to each repo root, read besides the root
   * `catalog-info.yaml`/`.yml` (e.g. `services/*\/catalog-info.yaml`).
   */
  catalogFiles: z.array(z.string().min(1)).default([]),
  /** Kinds beyond Backstage's built-in ones to accept (envelope-validated only), e.g. `AiResource`. */
  customKinds: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a kind is letters and digits')).default([]),
});
