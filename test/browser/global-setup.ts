import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../support/build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The example organisation built once for every browser test file, under the base path `/portal/`. */
    exampleSite: string;
  }
}

/**
 * Builds the example organisation once for the whole browser run (each file only reads it), so
 * the suite pays for one build, not one per file.
 */
export default async function setup(project: TestProject) {
  const built = await buildSite(['--base', '/portal/']);
  if (built.code !== 0) throw new Error(`The example organisation did not build:\n${built.stderr || built.stdout}`);
  project.provide('exampleSite', built.outDir);
  return async () => {
    await rm(built.outDir, { recursive: true, force: true });
  };
}
