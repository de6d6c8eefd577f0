import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expansionCheckFor, expansionLimitFor, measureExpansion, minExpansionLimit } from '../../src/catalog/expanded-size.ts';
import { parseYamlDocuments } from '../../src/catalog/yaml-documents.ts';
import { aliasBomb, doublingThirtyTimes, nineByNine } from '../support/expansion-bombs.ts';

const unlimited = { values: Number.MAX_SAFE_INTEGER, characters: Number.MAX_SAFE_INTEGER, depth: Number.MAX_SAFE_INTEGER };

describe('measureExpansion', () => {
  it('counts every value, key and character as if each alias were written out', () => {
    const shared = { name: 'ab' };
    // Written out: { a: { name: 'ab' }, b: [{ name: 'ab' }, 'xyz'] }, the shared mapping twice.
    expect(measureExpansion({ a: shared, b: [shared, 'xyz'] }, unlimited)).toEqual({ values: 11, characters: 'a'.length + 'b'.length + 2 * 'nameab'.length + 'xyz'.length, depth: 3 });
  });

  it('measures a shared object once, so a value that writes out to billions of strings is measured at once', () => {
    const value = parse(nineByNine(), { maxAliasCount: -1 });
    const started = performance.now();
    expect(measureExpansion(value, unlimited)).toMatchObject({ values: expect.any(Number) });
    const size = measureExpansion(value, unlimited) as { values: number };
    expect(size.values).toBeGreaterThan(9 ** 9);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('stops at the limit and says which limit was passed', () => {
    const limit = (values: number, characters: number, depth: number) => ({ values, characters, depth });
    expect(measureExpansion(['abc', 'def'], limit(10, 5, 10))).toEqual({ over: 'size', limit: limit(10, 5, 10) });
    expect(measureExpansion(['abc', 'def'], limit(2, 100, 10))).toEqual({ over: 'size', limit: limit(2, 100, 10) });
    expect(measureExpansion(['abc', ['def']], limit(10, 100, 1))).toEqual({ over: 'depth', limit: limit(10, 100, 1) });
    expect(measureExpansion(['abc', ['def']], limit(4, 6, 2))).toEqual({ values: 4, characters: 6, depth: 2 });
  });

  it('counts the depth of a shared object wherever it is aliased', () => {
    const deep = [[['x']]];
    expect(measureExpansion({ a: deep, b: { c: deep } }, { ...unlimited, depth: 4 })).toEqual({ over: 'depth', limit: { ...unlimited, depth: 4 } });
    expect(measureExpansion({ a: deep, b: { c: deep } }, { ...unlimited, depth: 5 })).toMatchObject({ depth: 5 });
  });

  it('refuses a value that contains itself, which would never end when written out', () => {
    const recursive = parse('a: &a [1, *a]', { maxAliasCount: -1 });
    expect(measureExpansion(recursive, unlimited)).toEqual({ over: 'cycle' });
  });

  it('measures a very deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 200_000; level++) deep = [deep];
    expect(measureExpansion(deep, unlimited)).toEqual({ values: 200_001, characters: 4, depth: 200_000 });
  });
});

describe('expansionCheckFor', () => {
  it('grows the limit with the text, so a large file written out in full always fits', () => {
    expect(expansionLimitFor(10)).toEqual(minExpansionLimit);
    const big = expansionLimitFor(10_000_000);
    expect(big.values).toBeGreaterThan(10_000_000);
    expect(big.characters).toBeGreaterThan(10_000_000);
  });

  it('shares one limit between the documents of a file, and a refused document uses none of it', () => {
    const check = expansionCheckFor(10);
    const half = 'x'.repeat(minExpansionLimit.characters / 2);
    expect(check(half)).toBeUndefined();
    expect(check('y'.repeat(minExpansionLimit.characters))).toMatch(/to more than 50,000 values or 2,000,000 characters together with the documents before it/);
    expect(check(half)).toBeUndefined();
    expect(check('z')).toMatch(/more than/);
  });
});

describe('parseYamlDocuments and alias expansion', () => {
  const healthy = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team\n';
  const bombDocument = (bomb: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bomb\nspec:\n${bomb}\n`;

  for (const [name, bomb] of [
    ['81 aliases, nine levels of nine', nineByNine('  ')],
    ['60 aliases doubling thirty times', doublingThirtyTimes('  ')],
  ] as const) {
    it(`refuses a document of ${name} at its line, with a reason naming the limit, and keeps the file's other documents`, () => {
      const text = `${healthy}---\n${bombDocument(bomb)}---\n${healthy.replace('team', 'other')}`;
      expect(text.length).toBeLessThan(2048);
      const parsed = parseYamlDocuments(text);
      expect(parsed.documents.map((doc) => [(doc.value as { metadata: { name: string } }).metadata.name, doc.line])).toEqual([
        ['team', 1],
        ['other', 12 + bomb.split('\n').length],
      ]);
      expect(parsed.errors).toEqual([
        {
          kind: 'too-large',
          line: 6,
          column: 1,
          reason: expect.stringMatching(/^with its aliases written out it expands to more than 50,000 values/),
          message: `YAML document not loaded: with its aliases written out it expands to more than 50,000 values or 2,000,000 characters together with the documents before it, the most a YAML file of ${text.length} characters may expand to`,
        },
      ]);
    });
  }

  it('refuses a document that contains itself through an alias', () => {
    const parsed = parseYamlDocuments(`${healthy}---\nkind: Component\nspec: &spec\n  again: *spec\n`);
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.errors).toEqual([{ kind: 'too-large', line: 6, column: 1, reason: expect.any(String), message: expect.stringContaining('contains itself through an alias') }]);
  });

  // Few aliases, each of a long string: no alias count catches it, yet written out it is a hundred times the text.
  const longStringAliased = (times: number) => `kind: Component\nmetadata:\n  description: &long "${'x'.repeat(30_000)}"\nspec:\n  copies: [${Array(times).fill('*long').join(', ')}]\n`;

  it('refuses a long string aliased ninety-nine times, as the alias limit alone would not', () => {
    const parsed = parseYamlDocuments(`${healthy}---\n${longStringAliased(99)}`);
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.errors).toEqual([{ kind: 'too-large', line: 6, column: 1, reason: expect.any(String), message: expect.stringContaining('expands to more than 123,332 values or 2,000,000 characters') }]);
  });

  it('refuses the same document when the file takes the positional parser (another document has a syntax error)', () => {
    const parsed = parseYamlDocuments(`${healthy}---\nkind: [broken\n---\n${longStringAliased(99)}`);
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.errors.map((error) => [error.line, error.message.slice(0, 25)])).toEqual([
      [7, 'YAML syntax error (BAD_IN'],
      [8, 'YAML document not loaded:'],
    ]);
  });

  it('refuses a document nested deeper than the fast parser allows in the positional parser too', () => {
    const deep = `kind: Component\nspec: ${'['.repeat(150)}${']'.repeat(150)}\n`;
    const parsed = parseYamlDocuments(`${healthy}---\n${deep}`);
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.errors).toEqual([{ kind: 'too-large', line: 6, column: 1, reason: expect.any(String), message: 'YAML document not loaded: it nests mappings and sequences more than 100 levels deep' }]);
  });

  it('loads real documents that alias a block a few times', () => {
    const parsed = parseYamlDocuments(`defaults: &defaults\n  retries: 3\n  timeout: 10\nfirst: *defaults\nsecond: *defaults\n${longStringAliased(3)}`.replace('kind: Component\n', ''));
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents[0]!.value).toMatchObject({ first: { retries: 3 }, second: { timeout: 10 }, spec: { copies: [expect.any(String), expect.any(String), expect.any(String)] } });
  });
});
