import { readFile } from 'node:fs/promises';
import type { MapInput } from '../../../integrations/plugins/api-docs/map-input.ts';

/** A fixture's text (test/plugins/api-docs/fixtures/<name>). */
export function fixture(name: string): Promise<string> {
  return readFile(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
}

/** Mapper input reading from an in-memory repo: `{ 'path/in/repo': text }`. */
export function memoryRepo(file: string, files: Record<string, string> = {}, limits = { maxDepth: 6, maxRows: 300 }): MapInput & { reads: string[]; warnings: string[] } {
  const reads: string[] = [];
  const warnings: string[] = [];
  return {
    file,
    limits,
    maxExpandedNodes: 1_000_000,
    maxDefinitionRows: 20_000,
    warn: (message) => warnings.push(message),
    reads,
    warnings,
    readFile: async (path) => {
      reads.push(path);
      if (!(path in files)) throw new Error(`${path} does not exist`);
      return files[path]!;
    },
  };
}
