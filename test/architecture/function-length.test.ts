import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { functionLengthsOf, readFunctionLengths, type FunctionLength } from './function-lengths.ts';

/** Past this many lines, a function is split along its own steps (issue 15: functions that read as their steps). */
const maxLines = 80;

/**
 * Functions accepted over the limit, as `file#name`, each with the reason a reader is given. Empty today: every
 * function of src/ and integrations/ reads as its steps. An entry must still name a function over the limit, so the
 * list cannot outlive its reason.
 */
const accepted: Readonly<Record<string, string>> = {};

const keyOf = (found: FunctionLength) => `${found.file}#${found.name}`;
const describeLong = (found: FunctionLength) => `${keyOf(found)} (line ${found.line}) is ${found.lines} lines`;

describe('function length', () => {
  it(`holds on the tree: no function of src/ or integrations/ is over ${maxLines} lines unless accepted with a reason`, async () => {
    const found = await readFunctionLengths(projectRoot, ['src', 'integrations']);
    expect(found.length).toBeGreaterThan(1000);
    expect(found.some((each) => each.file.endsWith('.tsx'))).toBe(true);
    const long = found.filter((each) => each.lines > maxLines && !(keyOf(each) in accepted));
    expect(long.map(describeLong)).toEqual([]);
  });

  it('accepts only functions that are still over the limit', async () => {
    const found = await readFunctionLengths(projectRoot, ['src', 'integrations']);
    const stillLong = new Set(found.filter((each) => each.lines > maxLines).map(keyOf));
    expect(Object.keys(accepted).filter((key) => !stillLong.has(key))).toEqual([]);
  });

  it('measures every kind of function, named as a reader would name it, each from its first line to its last', () => {
    const body = (lines: number) => Array.from({ length: lines - 2 }, (_, index) => `  step(${index});`).join('\n');
    const text = [
      `export async function buildDocs() {\n${body(90)}\n}`,
      `const runPlugins = async () => {\n${body(5)}\n};`,
      `class Cache {\n  constructor() {\n${body(4)}\n  }\n  flush() {\n${body(3)}\n  }\n}`,
      `export default function Island() {\n  useEffect(() => {\n${body(6)}\n  }, []);\n}`,
      `const hooks = { 'astro:config:setup': function () {\n${body(3)}\n} };`,
    ].join('\n');
    const found = functionLengthsOf('src/example.tsx', text).map(({ name, lines }) => [name, lines]);
    expect(found).toEqual([
      ['buildDocs', 90],
      ['runPlugins', 5],
      ['constructor', 4],
      ['flush', 3],
      ['Island', 8],
      ['(anonymous)', 6],
      ["'astro:config:setup'", 3],
    ]);
  });
});
