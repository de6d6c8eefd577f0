import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { problemCodeSchema, problemSchema } from '../../src/catalog/problems.ts';
import { compareProblems, countBySeverity, problemCodes, type Problem } from '../../src/vocabulary/problems.ts';

const problem = (fields: Partial<Problem>): Problem => ({ severity: 'error', repo: 'r', file: 'f', line: 1, column: 1, code: 'yaml-syntax', message: 'm', ...fields });

describe('problems', () => {
  it('are declared once: the zod schema of problems.json checks exactly the vocabulary type and its code list', () => {
    expect(problemCodeSchema.options).toEqual([...problemCodes]);
    expectTypeOf<z.infer<typeof problemSchema>>().toEqualTypeOf<Problem>();
    expect(problemSchema.parse(problem({ entityRef: 'component:default/x' }))).toEqual(problem({ entityRef: 'component:default/x' }));
  });

  it('sort by repo, file, line, column, code and message in code-point order, and count by severity', () => {
    const sorted = [problem({ repo: 'b' }), problem({ repo: 'B' }), problem({ line: 2 }), problem({ column: 0 }), problem({ code: 'broken-link' })].sort(compareProblems);
    expect(sorted.map(({ repo, line, column, code }) => `${repo}:${line}:${column}:${code}`)).toEqual(['B:1:1:yaml-syntax', 'b:1:1:yaml-syntax', 'r:1:0:yaml-syntax', 'r:1:1:broken-link', 'r:2:1:yaml-syntax']);
    expect(countBySeverity([problem({}), problem({ severity: 'warning' }), problem({})])).toEqual({ errors: 2, warnings: 1 });
  });
});
