import { resolveRepoPath } from '../../plugin-api.ts';
import { DefinitionError, type TextPosition } from './definition-error.ts';

/**
 * Following `$ref`s to other files without leaving the repo. Parsers resolve a relative `$ref`
 * against the document's URL; the definition is given a URL under an address that exists
 * nowhere (`https://repo.playbill.invalid/__repo__/<path in repo>`), and every read the parser
 * asks for comes here: a URL under that root is read from the repo (through the plugin
 * context, which refuses symlinks out of it), anything else is refused without a request.
 */
const origin = 'https://repo.playbill.invalid';
const root = '/__repo__/';
/** More files than a definition plausibly splits into; stops a reference maze early. */
const maxFiles = 200;

export type ReadRepoFile = (path: string) => Promise<string>;

/** Why a reference was not followed. */
export class RefRefused extends Error {
  readonly url: string;

  constructor(url: string, message: string) {
    super(message);
    this.name = 'RefRefused';
    this.url = url;
  }
}

export class RepoRefs {
  /** What was refused, in order, for the problem message. */
  readonly refused: RefRefused[] = [];
  private reads = 0;
  private readonly readFile: ReadRepoFile;

  constructor(readFile: ReadRepoFile) {
    this.readFile = readFile;
  }

  /** The virtual URL of a repo file (repo-relative path). */
  static urlOf(path: string): string {
    return origin + root + path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  }

  /** The virtual absolute path of a repo file, for parsers that resolve file paths rather than URLs. */
  static pathOf(path: string): string {
    return root + path.split('/').filter(Boolean).join('/');
  }

  /** Reads what a parser asks for, by URL or absolute path; throws RefRefused for anything outside the repo. */
  async read(requested: string): Promise<string> {
    // Path-based parsers ask for `/__repo__/…`; as a URL it compares with the `$ref`s written.
    const target = requested.startsWith('/') ? origin + requested : requested;
    const path = repoPathOf(target);
    if (path === null) throw this.refuse(target, refusalReason(target));
    if (++this.reads > maxFiles) throw this.refuse(target, `more than ${maxFiles} files are referenced; the rest were not read`);
    try {
      return await this.readFile(path);
    } catch (error) {
      throw this.refuse(target, `${path} could not be read: ${(error as Error).message}`);
    }
  }

  private refuse(url: string, message: string): RefRefused {
    const refusal = new RefRefused(url, message);
    this.refused.push(refusal);
    return refusal;
  }
}

/** The repo-relative path a virtual URL or path stands for; null when it is outside the repo or not virtual. */
export function repoPathOf(target: string): string | null {
  if (!target.startsWith(`${origin}/`)) return null;
  const pathname = new URL(target).pathname;
  if (!pathname.startsWith(root)) return null;
  let path: string;
  try {
    path = pathname.slice(root.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
  // Parsers normalise `..` before asking: a path that is not already the repo path it resolves to (a `..` left
  // over, an encoded backslash) is refused. `./` keeps a colon in the first segment from reading as a scheme.
  return path !== '' && resolveRepoPath('', `./${path}`) === path ? path : null;
}

function refusalReason(target: string): string {
  if (/^https?:\/\//i.test(target) && !target.startsWith(`${origin}/`)) return 'it is a URL, and the API docs plugin reads nothing over the network';
  if (target.startsWith(origin)) return 'it leads outside the repo; only files inside the repo are read';
  return 'only files inside the repo are read';
}

/**
 * The error for a refused reference, at the `$ref` in the definition's text that led to it when
 * it is there (a reference inside a referenced file is reported with that file's URL only).
 */
export function refusalError(refusal: RefRefused, refs: readonly { ref: string; position: TextPosition }[], baseUrl: string, what: string): DefinitionError {
  const target = stripHash(refusal.url);
  const written = refs.find(({ ref }) => {
    try {
      return stripHash(new URL(ref, baseUrl).href) === target || stripHash(ref) === target;
    } catch {
      return false;
    }
  });
  const shown = written ? written.ref : displayTarget(target);
  return new DefinitionError(`${what}: $ref "${shown}" was not followed: ${refusal.message}`, written?.position);
}

function stripHash(url: string): string {
  return url.split('#')[0]!;
}

function displayTarget(target: string): string {
  const path = repoPathOf(target);
  return path ?? target.replace(`${origin}${root}`, '').replace(origin, '');
}
