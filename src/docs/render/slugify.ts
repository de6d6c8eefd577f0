/**
 * Heading ids exactly as mkdocs makes them (Python-Markdown `toc` defaults), so `page.md#some-heading` links written
 * for mkdocs keep working: NFKD → ASCII, drop everything but word characters, spaces and hyphens, trim, lowercase,
 * runs of spaces/hyphens → '-'. Duplicates (and empty ids) get `_1`, `_2`, … like `toc.unique`.
 */

const NON_ASCII = /[^\u0000-\u007f]/g;
const NOT_WORD = /[^\w\s-]/g;
const SEPARATORS = /[-\s]+/g;
const COUNTED = /^(.*)_([0-9]+)$/;

export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(NON_ASCII, '')
    .replace(NOT_WORD, '')
    .trim()
    .toLowerCase()
    .replace(SEPARATORS, '-');
}

/** Returns `id`, or the first free `id_N`, and records it as used. */
export function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  while (candidate === '' || used.has(candidate)) {
    const counted = COUNTED.exec(candidate);
    candidate = counted ? `${counted[1]}_${Number(counted[2]) + 1}` : `${candidate}_1`;
  }
  used.add(candidate);
  return candidate;
}
