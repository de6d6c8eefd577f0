import { posix } from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { readRepoFile, type Repo, resolveRepoUrlPath } from '../sources/index.ts';
import type { SubstitutedFile } from './catalog-file.ts';
import { expansionCheckFor } from './expanded-size.ts';
import { maxAliases } from './yaml-documents.ts';

const substitutionKeys = ['$text', '$json', '$yaml'] as const;
type SubstitutionKey = (typeof substitutionKeys)[number];

export interface SubstitutionIssue {
  /** Path of the `{ $text: ... }` object in the document. */
  path: (string | number)[];
  /** `remote`: a URL target, kept as the URL; `failed`: the entity cannot be used. */
  kind: 'remote' | 'failed';
  message: string;
}

export interface SubstitutionContext {
  repo: Repo;
  /** Repo-relative path of the descriptor file; substitution paths are relative to its folder. */
  file: string;
  maxBytes: number;
}

export interface Substituted {
  value: unknown;
  issues: SubstitutionIssue[];
  /** The files read into the value, with their digests, in document order: part of the entity's provenance. */
  files: SubstitutedFile[];
}

/**
 * Replaces Backstage's `{ $text | $json | $yaml: path }` placeholders with the referenced
 * file's content, as the catalog backend's placeholder processor does, but only for files
 * inside the same repo. A URL target is kept as the URL (with a warning): the build reads no
 * network content from descriptors.
 */
export async function applySubstitutions(value: unknown, context: SubstitutionContext): Promise<Substituted> {
  const found: Found = { issues: [], files: [] };
  // Almost no document has placeholders; a synchronous scan spares them the async walk.
  if (!hasPlaceholder(value)) return { value, ...found };
  const result = await substitute(value, [], context, found);
  return { value: result, ...found };
}

/** What a walk collects besides the value. */
type Found = Omit<Substituted, 'value'>;

function hasPlaceholder(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) {
    if ((substitutionKeys as readonly string[]).includes(key) || hasPlaceholder((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

async function substitute(
  value: unknown,
  path: (string | number)[],
  context: SubstitutionContext,
  found: Found,
): Promise<unknown> {
  if (Array.isArray(value)) {
    const items = [];
    for (let i = 0; i < value.length; i++) items.push(await substitute(value[i], [...path, i], context, found));
    return items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  if (!keys.some((key) => key.startsWith('$'))) {
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = await substitute((value as Record<string, unknown>)[key], [...path, key], context, found);
    return out;
  }
  // As Backstage's placeholder processor: only an object that is exactly one placeholder it knows is
  // replaced; any other object with a `$` key (a JSON Schema's `$ref` beside its siblings, say) is
  // left as written, insides included.
  if (keys.length !== 1 || !(substitutionKeys as readonly string[]).includes(keys[0]!)) return value;
  return resolvePlaceholder(keys[0] as SubstitutionKey, (value as Record<string, unknown>)[keys[0]!], path, context, found);
}

async function resolvePlaceholder(
  key: SubstitutionKey,
  target: unknown,
  path: (string | number)[],
  context: SubstitutionContext,
  found: Found,
): Promise<unknown> {
  const { issues } = found;
  if (typeof target !== 'string' || target.trim() === '') {
    issues.push({ path, kind: 'failed', message: `${key} needs a file path as a string.` });
    return undefined;
  }
  if (/^https?:\/\//i.test(target)) {
    issues.push({
      path,
      kind: 'remote',
      message: `${key} points to a URL (${target}); Playbill only reads files inside the repo at build time, so the field holds the URL instead of its content.`,
    });
    return target;
  }
  const resolved = resolveRepoUrlPath(posix.dirname(context.file), target);
  if (resolved === null) {
    issues.push({ path, kind: 'failed', message: `${key} target "${target}" is outside repo ${context.repo.name}; only files inside the repo can be substituted.` });
    return undefined;
  }
  const read = await readRepoFile(context.repo, resolved, context.maxBytes);
  if ('error' in read) {
    issues.push({ path, kind: 'failed', message: `${key} target "${target}" could not be used: ${read.error.message}.` });
    return undefined;
  }
  found.files.push({ path, placeholder: key, file: resolved, sha256: read.sha256 });
  if (key === '$text') return read.text;
  let parsed: unknown;
  try {
    parsed = key === '$json' ? JSON.parse(read.text) : parseYamlPlaceholder(read.text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    issues.push({ path, kind: 'failed', message: `${key} target "${target}" is not valid ${key === '$json' ? 'JSON' : 'YAML'}: ${reason}.` });
    return undefined;
  }
  // YAML's aliases can make it any size; JSON is as large as its text (maxBytes bounds it) but may nest too deep.
  const refusal = expansionCheckFor(read.text.length)(parsed);
  if (refusal) {
    issues.push({ path, kind: 'failed', message: `${key} target "${target}" was not used: ${refusal}.` });
    return undefined;
  }
  return parsed;
}

/**
 * A `$yaml` file read as Backstage's resolver reads it: with `yaml`, exactly one document, its
 * first error fatal (an unknown tag such as CloudFormation's `!Ref` is only a warning there).
 */
function parseYamlPlaceholder(text: string): unknown {
  const documents = parseAllDocuments(text);
  if (documents.length !== 1) throw new Error(`expected exactly one document, found ${documents.length}`);
  const [document] = documents as Document.Parsed[];
  if (document!.errors.length > 0) throw new Error(document!.errors[0]!.message);
  return document!.toJS({ maxAliasCount: maxAliases });
}
