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

/**
 * Where the last search for a free `base_N` in a set ended: every `base_N` from `from` to `to` is
 * taken. A page of 20,000 identical headings would otherwise try 1, 2, 3, … for each: 2·10⁸ steps.
 */
const searches = new WeakMap<Set<string>, Map<string, { from: number; to: number }>>();

/** Returns `id`, or the first free `id_N` (as Python-Markdown's `toc.unique` counts), and records it as used. */
export function uniqueId(id: string, used: Set<string>): string {
  if (id !== '' && !used.has(id)) {
    used.add(id);
    return id;
  }
  // Python-Markdown steps `x` → `x_1` and `x_N` → `x_(N+1)`: the search runs over one base from one start.
  const counted = COUNTED.exec(id);
  const base = counted ? counted[1]! : id;
  const start = counted ? Number(counted[2]) + 1 : 1;
  let known = searches.get(used);
  if (!known) searches.set(used, (known = new Map()));
  const last = known.get(base);
  // Resume after the last search's end only when this one starts inside the run it proved taken.
  const resumed = last !== undefined && start >= last.from && start <= last.to + 1;
  let n = resumed ? last.to + 1 : start;
  while (used.has(`${base}_${n}`)) n++;
  known.set(base, { from: resumed ? last.from : start, to: n });
  const candidate = `${base}_${n}`;
  used.add(candidate);
  return candidate;
}
