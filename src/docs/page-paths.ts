import { posix } from 'node:path';
import { compareStrings } from '../vocabulary/compare-strings.ts';
import { bidiControl, controlCharacter, printable } from '../vocabulary/printable.ts';

/** Markdown sources mkdocs publishes. */
export function isDocSource(path: string): boolean {
  return /\.(md|mdx|markdown)$/i.test(path);
}

/**
 * mkdocs' `use_directory_urls` mapping from a docs_dir-relative source to a page slug:
 * `index.md` → ``, `guide/setup.md` → `guide/setup`, `guide/README.md` → `guide`.
 */
export function pageSlug(docPath: string): string {
  const withoutExtension = docPath.replace(/\.(md|mdx|markdown)$/i, '');
  const base = posix.basename(withoutExtension).toLowerCase();
  if (base === 'index' || base === 'readme') {
    const dir = posix.dirname(withoutExtension);
    return dir === '.' ? '' : dir;
  }
  return withoutExtension;
}

/** A file of a docs folder left unpublished, and why. */
export interface UnpublishedFile {
  /** docs_dir-relative path. */
  path: string;
  kind: 'page' | 'asset';
  reason: string;
}

/** Longest file or folder name, in UTF-8 bytes, that the common file systems (ext4, APFS, NTFS) store. */
const maxNameBytes = 255;
/** Longest site-relative output path, in UTF-8 bytes: S3's key limit, below the file systems' path limits with room for the output folder. */
const maxPathBytes = 1024;

/**
 * The files of one docs site (`sitePath`) that are published: one per output path. Pages come first,
 * in URL order, and keep it (an `index`, as mkdocs prefers it to `README`, then a `README`, then the first
 * in code-point order); assets then take what is left, in code-point order. Output paths are compared as
 * the hosts that serve them do: after NFC normalisation (Astro writes pages in NFC, macOS stores names in
 * either form) and case folding (macOS and Windows hosts ignore case), and a path cannot be a file for one
 * source and a folder for another (`pic.png` and the page `pic.png.md` at `pic.png/`). A name no URL can
 * carry (control characters, bidi controls, a backslash, invalid Unicode, a `.`/`..` segment, `?` or `#` in
 * a page) or a path too long to write gets nothing. Every file left out is returned with a reason.
 */
export function publishableFiles(sitePath: string, files: { pages: readonly string[]; assets: readonly string[] }): { pages: string[]; assets: string[]; unpublished: UnpublishedFile[] } {
  const rank = (path: string) => {
    const name = posix.basename(path).replace(/\.[^.]*$/, '').toLowerCase();
    return name === 'index' ? 0 : name === 'readme' ? 1 : 2;
  };
  const orderedPages = files.pages
    .map((path) => ({ path, slug: pageSlug(path), rank: rank(path) }))
    .map((page) => ({ ...page, key: outputKey(page.slug) }))
    .sort((a, b) => compareStrings(a.key, b.key) || a.rank - b.rank || compareStrings(a.path, b.path));
  const outputs = new OutputClaims();
  const pages: string[] = [];
  const assets: string[] = [];
  const unpublished: UnpublishedFile[] = [];
  for (const { path, slug } of orderedPages) {
    const output = pageOutput(slug);
    const reason = nameRefusal(path) ?? pageUrlRefusal(path, slug) ?? sizeRefusal(path, sitePath + output.normalize('NFC')) ?? outputs.claim(output, path, 'page');
    if (reason) unpublished.push({ path, kind: 'page', reason });
    else pages.push(path);
  }
  for (const path of [...files.assets].sort(compareStrings)) {
    const reason = nameRefusal(path) ?? sizeRefusal(path, sitePath + path) ?? outputs.claim(path, path, 'file');
    if (reason) unpublished.push({ path, kind: 'asset', reason });
    else assets.push(path);
  }
  return { pages, assets, unpublished };
}

/**
 * Why nothing in a docs folder (docs_dir-relative) can be published, or null: its name has characters no
 * URL carries, or its path is already too long for any file in it. The docs stage does not enter it.
 */
export function folderRefusal(sitePath: string, folder: string): string | null {
  const reason = nameRefusal(folder) ?? sizeRefusal(folder, `${sitePath}${folder}/`);
  return reason && `${reason} Nothing in it is published.`;
}

/** Where a page is written, relative to its site: `<slug>/index.html` (Astro writes it in NFC). */
function pageOutput(slug: string): string {
  return slug ? `${slug}/index.html` : 'index.html';
}

/** An output path as hosts compare them: NFC, case folded. */
function outputKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

/** Printable ASCII without a backslash: most names, and none of them refused below. */
const ordinaryName = /^[\x20-\x5b\x5d-\x7e]*$/;

/**
 * Characters a name must not have, and why: controls (browsers strip tab and newlines from URLs and
 * Astro's router matches no path with a line break), bidi controls (the name reads as another), a
 * backslash (read as "/" in http URLs), and lone surrogates or U+FFFD (what a name that is not UTF-8 decodes to).
 */
function nameRefusal(path: string): string | null {
  if (ordinaryName.test(path)) return null;
  const shown = printable(path);
  const control = controlCharacter.exec(path);
  if (control) return `${shown} has a control character (${printable(control[0])}) in its name, which browsers drop from URLs or Astro cannot route; rename it.`;
  const bidi = bidiControl.exec(path);
  if (bidi) return `${shown} has a bidirectional-text control (${printable(bidi[0])}) in its name, which makes it read as another name; rename it.`;
  if (path.includes('\\')) return `${shown} has a backslash in its name, which browsers read as "/" in a URL; rename it.`;
  if (!path.isWellFormed() || path.includes('\ufffd')) return `${shown} has a name that is not valid Unicode (a lone surrogate or bytes that are not UTF-8), so it has no URL; rename it.`;
  return null;
}

/** A page URL with a `.`/`..` segment resolves to another page; `?` and `#` end a URL's path; `%41` is read as `A`. */
function pageUrlRefusal(path: string, slug: string): string | null {
  if (slug !== '' && slug.split('/').some(isDotSegment)) return `${path} would be published at a "." or ".." path segment, which a browser resolves to another page; rename it.`;
  if (/[?#]/.test(slug)) return `${path} has a "?" or "#" in its name, which static hosts do not serve as part of a page's path; rename it.`;
  const escape = /%[0-9a-f]{2}/i.exec(slug);
  if (escape) return `${path} has a percent-escape (${escape[0]}) in its name, which Astro's router decodes into another name; rename it.`;
  return null;
}

function sizeRefusal(path: string, output: string): string | null {
  // UTF-8 takes at most three bytes per UTF-16 unit: most paths are short enough not to count.
  if (output.length * 3 <= maxNameBytes) return null;
  const shown = printable(path);
  for (const segment of output.split('/')) {
    const bytes = Buffer.byteLength(segment);
    if (bytes > maxNameBytes) return `${shown} has a name of ${bytes} bytes, over the ${maxNameBytes} bytes file systems allow; shorten it.`;
  }
  const bytes = Buffer.byteLength(output);
  if (bytes > maxPathBytes) return `${shown} would be published at a path of ${bytes} bytes, over the ${maxPathBytes} bytes static hosts and file systems accept; shorten its folders or name.`;
  return null;
}

/** Output paths of one site claimed so far, as files and as the folders above them, by the source that claimed each first. */
class OutputClaims {
  private readonly files = new Map<string, { output: string; source: string; kind: 'page' | 'file' }>();
  private readonly folders = new Map<string, { output: string; source: string }>();

  /** Claims `output` for `source`, or says why it is already taken. */
  claim(output: string, source: string, kind: 'page' | 'file'): string | null {
    const key = outputKey(output);
    const taken = this.files.get(key);
    if (taken) return sameOutput(source, taken.source, output, taken.output, kind);
    const folder = this.folders.get(key);
    if (folder) return `${printable(source)} would be published at ${printable(folder.output)}/, the folder of ${printable(folder.source)}${hostNote(output, folder.output)}, and one path cannot be both a file and a folder; ${printable(folder.source)} is published, this one is not: rename one.`;
    const segments = output.split('/');
    for (let end = 1; end < segments.length; end++) {
      const above = segments.slice(0, end).join('/');
      const file = this.files.get(outputKey(above));
      if (file) return `${printable(source)} would be published under ${printable(above)}/, where ${printable(file.source)} is published as a file${hostNote(above, file.output)}; ${printable(file.source)} is published, this one is not: rename one.`;
    }
    this.files.set(key, { output, source, kind });
    for (let end = 1; end < segments.length; end++) {
      const above = segments.slice(0, end).join('/');
      const aboveKey = outputKey(above);
      if (!this.folders.has(aboveKey)) this.folders.set(aboveKey, { output: above, source });
    }
    return null;
  }
}

function sameOutput(source: string, first: string, output: string, firstOutput: string, kind: 'page' | 'file'): string {
  const [shown, firstShown] = [printable(source), printable(first)];
  const outcome = `${firstShown} is published, this one is not.`;
  if (output === firstOutput) {
    const slug = output.replace(/(^|\/)index\.html$/, '');
    return `${shown} and ${firstShown} would both be the ${kind} at ${slug ? printable(`${slug}/`) : 'the docs home'}; ${outcome}`;
  }
  if (output.normalize('NFC') === firstOutput.normalize('NFC')) {
    // The two names look the same: say which form each is written in.
    return `${shown} (${normalisationForm(source)}) and ${firstShown} (${normalisationForm(first)}) are one name in two Unicode normalisation forms, so they would be one ${kind}; ${outcome}`;
  }
  return `${shown} and ${firstShown} differ only in letter case, so they would be one ${kind} on case-insensitive hosts; ${outcome}`;
}

function normalisationForm(text: string): string {
  return text === text.normalize('NFC') ? 'NFC' : text === text.normalize('NFD') ? 'NFD' : 'neither NFC nor NFD';
}

/** " on case-insensitive hosts" when two paths meet only once case is folded. */
function hostNote(output: string, other: string): string {
  return output.normalize('NFC') === other.normalize('NFC') || output === other ? '' : ' on case-insensitive hosts';
}

/** `.`, `..` or empty, also once percent-decoded (`%2e%2e`), as URL resolution reads it. */
function isDotSegment(segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // not percent-encoded: the segment as written
  }
  return decoded === '' || decoded === '.' || decoded === '..';
}

/** Site-relative URL path of a docs site: `docs/<namespace>/<kind>/<name>/`. */
export function docSitePath(site: { namespace: string; kind: string; name: string }): string {
  return `docs/${[site.namespace.toLowerCase(), site.kind.toLowerCase(), site.name].map(encodeURIComponent).join('/')}/`;
}

/** Site-relative URL path of one page (slug '' is the site home), in NFC: Astro writes pages at their NFC path. */
export function docPagePath(sitePath: string, slug: string): string {
  return slug ? `${sitePath}${slug.normalize('NFC').split('/').map(encodeURIComponent).join('/')}/` : sitePath;
}
