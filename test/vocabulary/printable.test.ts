import { describe, expect, it } from 'vitest';
import { formatProblemLine, formatProblemLocation, printable, printableProblem } from '../../src/vocabulary/printable.ts';
import type { Problem } from '../../src/vocabulary/problems.ts';

describe('printable', () => {
  it('shows line breaks, tabs and NUL as escapes, so a name cannot start a new log line', () => {
    expect(printable('a\nb\rc\td\u0000e')).toBe('a\\nb\\rc\\td\\u0000e');
  });

  it('escapes every C0 and C1 control, DEL and the Unicode line and paragraph separators', () => {
    expect(printable('\u0001\u001b[31m\u007f\u0085\u009b\u2028\u2029')).toBe('\\u0001\\u001b[31m\\u007f\\u0085\\u009b\\u2028\\u2029');
  });

  it('escapes bidirectional-text controls, which would make a name read as another', () => {
    // "evil\u202Egpj.md" displays as "evilmd.jpg".
    expect(printable('evil\u202egpj.md')).toBe('evil\\u202egpj.md');
    expect(printable('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
    );
  });

  it('escapes lone surrogates and leaves whole characters of every script alone', () => {
    expect(printable('x\ud800y\udc00')).toBe('x\\ud800y\\udc00');
    expect(printable('café 東京 😀 ¿qué? a\\b')).toBe('café 東京 😀 ¿qué? a\\b');
  });

  it('is idempotent, so text escaped at one choke point is unchanged at the next', () => {
    const once = printable('a\nb\u202e');
    expect(printable(once)).toBe(once);
  });
});

describe('problem log lines', () => {
  const problem: Problem = {
    severity: 'error',
    repo: 'web',
    file: 'docs/fake.md:1:1 all clear\n\u0000x.md',
    line: 1,
    column: 1,
    code: 'docs-page-conflict',
    message: 'docs/fake.md:1:1 all clear\n\u0000x.md has a control character in its name.',
  };

  it('keeps a file name with a newline and NUL on one line, escaped', () => {
    const line = formatProblemLine(problem);
    expect(line).not.toMatch(/[\n\u0000]/);
    expect(line).toBe('web/docs/fake.md:1:1 all clear\\n\\u0000x.md:1:1 docs/fake.md:1:1 all clear\\n\\u0000x.md has a control character in its name.');
    expect(formatProblemLocation(problem)).toBe('web/docs/fake.md:1:1 all clear\\n\\u0000x.md:1:1');
  });

  it('escapes the file and message a problem carries into problems.json and the problems page', () => {
    expect(printableProblem(problem)).toEqual({
      ...problem,
      file: 'docs/fake.md:1:1 all clear\\n\\u0000x.md',
      message: 'docs/fake.md:1:1 all clear\\n\\u0000x.md has a control character in its name.',
    });
  });
});
