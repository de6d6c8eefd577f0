/** Hostile inputs that are small as written and huge once expanded, for the tests of the expansion bounds. */

/**
 * YAML that is small as text and huge when its aliases are written out ("billion laughs"): `levels` anchored
 * sequences, each holding `width` aliases of the one before, so the last expands to width^levels strings while the
 * text has width × levels aliases. As mapping entries, indented by `indent`, to embed under any key of a document.
 */
export function aliasBomb(width: number, levels: number, indent = ''): string {
  const lines = [`${indent}l0: &l0 "lol"`];
  for (let level = 1; level <= levels; level++) {
    lines.push(`${indent}l${level}: &l${level} [${Array.from({ length: width }, () => `*l${level - 1}`).join(', ')}]`);
  }
  return lines.join('\n');
}

/** 81 aliases (nine levels of nine), under the 100-alias limit: 9^9 strings written out. */
export const nineByNine = (indent = '') => aliasBomb(9, 9, indent);

/** 60 aliases that double thirty times: 2^30 strings written out. */
export const doublingThirtyTimes = (indent = '') => aliasBomb(2, 30, indent);

/**
 * One long string aliased `times` times: few aliases and none nested, so no alias count refuses it, yet written out it
 * is `times` times its text. As mapping entries (`long`, `copies`), indented by `indent`.
 */
export function longStringAliased(times: number, length = 30_000, indent = ''): string {
  return `${indent}long: &long "${'x'.repeat(length)}"\n${indent}copies: [${Array.from({ length: times }, () => '*long').join(', ')}]`;
}

/** Nine small snippet files in `dir`, each including the next ten times: pasted out, 10^8 copies of the last one. */
export function snippetFanOut(directive: (target: string) => string, dir = 'docs/snippets'): Record<string, string> {
  const files: Record<string, string> = {};
  for (let level = 1; level <= 8; level++) {
    files[`${dir}/s${level}.md`] = Array.from({ length: 10 }, () => directive(`s${level + 1}.md`)).join('\n') + '\n';
  }
  files[`${dir}/s9.md`] = 'Leaf text.\n';
  return files;
}
