import type { Entity } from '@backstage/catalog-model';
import { lstat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { glob } from 'tinyglobby';
import { readRepoFile, type Repo, type RepoFileError, resolveRepoUrlPath } from '../sources/index.ts';
import type { CatalogEntity, FileDigest } from './catalog-file.ts';
import type { LoadedEntity } from './loaded-entity.ts';
import { compareStrings } from '../vocabulary/compare-strings.ts';
import { entityRefOf, writtenEntityRef } from '../vocabulary/entity-ref.ts';
import { compareProblems, type Problem, type ProblemCode } from '../vocabulary/problems.ts';
import { resolveRelations } from './relations.ts';
import { applySubstitutions } from './substitutions.ts';
import { validateEntity, validateEnvelope } from './validate-entity.ts';
import { parseYamlDocuments, type YamlDocument } from './yaml-documents.ts';

export interface LoadCatalogOptions {
  /** Descriptor globs read in every repo besides the root catalog-info.yaml/.yml. */
  catalogFiles: readonly string[];
  customKinds: readonly string[];
  maxFileBytes: number;
}

export interface Catalog {
  /** Valid entities with their relations, sorted by entity ref. */
  entities: CatalogEntity[];
  /** Everything that went wrong, sorted by repo, file and position. */
  problems: Problem[];
  stats: { repos: number; files: number; documents: number };
}

const rootDescriptors = ['catalog-info.yaml', 'catalog-info.yml'];
const globCharacters = /[*?[\]{}]/;

/** Reads every repo's descriptors into one catalog, reporting each mistake instead of stopping. */
export async function loadCatalog(repos: readonly Repo[], options: LoadCatalogOptions): Promise<Catalog> {
  const loaded: LoadedEntity[] = [];
  const problems: Problem[] = [];
  let files = 0;
  let documents = 0;
  for (const repo of repos) {
    const result = repo.budget ? await repo.budget.measure(() => loadRepoEntities(repo, options)) : await loadRepoEntities(repo, options);
    loaded.push(...result.entities);
    problems.push(...result.problems);
    files += result.files;
    documents += result.documents;
  }
  const unique = dropDuplicates(loaded, problems);
  const { relationsByRef, problems: relationProblems } = resolveRelations(unique);
  problems.push(...relationProblems);
  const entities = unique
    .map((item) => toCatalogEntity(item, relationsByRef.get(item.key) ?? []))
    .sort((a, b) => compareStrings(entityRefOf(a), entityRefOf(b)));
  return { entities, problems: problems.sort(compareProblems), stats: { repos: repos.length, files, documents } };
}

export interface RepoEntities {
  entities: LoadedEntity[];
  problems: Problem[];
  files: number;
  documents: number;
}

/**
 * Reads one repo: its root descriptor, the configured globs, and every file its Location
 * entities point to (inside the repo only; loops and escapes are refused).
 */
export async function loadRepoEntities(repo: Repo, options: LoadCatalogOptions): Promise<RepoEntities> {
  const entities: LoadedEntity[] = [];
  const problems: Problem[] = [];
  const visited = new Set<string>();
  // Each file's digest as it was read, for the provenance of what it leads to: no file is read twice.
  const digests = new Map<string, string>();
  let documents = 0;
  const report = (code: ProblemCode, severity: Problem['severity'], file: string, at: { line: number; column: number }, message: string, entityRef?: string) =>
    problems.push({ severity, repo: repo.name, file, line: at.line, column: at.column, ...(entityRef ? { entityRef } : {}), code, message });

  const visit = async (file: string, chain: readonly string[], origin?: { file: string; at: { line: number; column: number }; ref: string; optional: boolean }): Promise<void> => {
    if (chain.includes(file)) {
      report('location-loop', 'error', origin!.file, origin!.at, `Location target ${file} leads back to a file already on this path (${[...chain, file].join(' → ')}); the loop is not followed.`, origin!.ref);
      return;
    }
    if (visited.has(file)) return;
    visited.add(file);
    // A repo whose budget is spent reads no further descriptors; its budget problem counts them.
    if (repo.budget?.refuses('descriptor', { file })) return;
    const read = await readRepoFile(repo, file, options.maxFileBytes);
    if ('error' in read && read.error.reason === 'over-budget') {
      repo.budget?.refuses('descriptor', { file });
      return;
    }
    if ('error' in read) {
      if (origin?.optional && read.error.reason === 'missing') return; // `presence: optional`: Backstage reports no missing file
      if (origin) report(codeForReadError(read.error), 'error', origin.file, origin.at, `Location target could not be read: ${read.error.message}.`, origin.ref);
      else report(read.error.reason === 'too-large' ? 'file-too-large' : 'unreadable-file', 'error', file, { line: 0, column: 0 }, `Descriptor could not be read: ${read.error.message}.`);
      return;
    }
    digests.set(file, read.sha256);
    const readFrom: ReadFrom = { descriptor: { file, sha256: read.sha256 }, locations: chain.map((parent) => ({ file: parent, sha256: digests.get(parent)! })) };
    const parsed = parseYamlDocuments(read.text);
    for (const error of parsed.errors) report('yaml-syntax', 'error', file, error, `${error.message}. This document is skipped; the rest of the file still loads.`);
    for (const document of parsed.documents) {
      documents++;
      const entity = await loadDocument(repo, readFrom, document, options, report);
      if (!entity) continue;
      entities.push(entity);
      if (entity.entity.kind.toLowerCase() === 'location') await followLocation(entity, document, [...chain, file]);
    }
  };

  const followLocation = async (location: LoadedEntity, document: YamlDocument, chain: string[]) => {
    const spec = (location.entity.spec ?? {}) as { target?: string; targets?: string[]; presence?: string };
    const optional = spec.presence === 'optional';
    const targets: [string, (string | number)[]][] = [];
    if (typeof spec.target === 'string') targets.push([spec.target, ['spec', 'target']]);
    (spec.targets ?? []).forEach((target, index) => targets.push([target, ['spec', 'targets', index]]));
    const fromDir = posix.dirname(location.source.file);
    for (const [target, path] of targets) {
      const at = document.positionOf(path);
      const origin = { file: location.source.file, at, ref: location.ref, optional };
      if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target)) {
        report('location-remote', 'warning', origin.file, at, `Location target ${target} is a URL; Playbill reads only files inside this repo, so it is not followed. Add that repo as a source instead.`, location.ref);
        continue;
      }
      const resolved = resolveRepoUrlPath(fromDir, target);
      if (resolved === null) {
        report('location-escape', 'error', origin.file, at, `Location target ${target} points outside repo ${repo.name}; only targets inside the same repo are followed.`, location.ref);
        continue;
      }
      if (!globCharacters.test(target)) {
        await visit(resolved, chain, origin);
        continue;
      }
      const matches = (await glob(resolved, { cwd: repo.dir, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false })).sort();
      if (matches.length === 0 && !optional) {
        report('location-target-missing', 'error', origin.file, at, `Location target ${target} matches no files in repo ${repo.name} (mark the Location presence: optional if that is expected).`, location.ref);
      }
      for (const match of matches) await visit(match, chain, origin);
    }
  };

  const roots = await findDescriptorFiles(repo, options.catalogFiles);
  for (const file of roots) await visit(file, []);
  return { entities, problems, files: visited.size, documents };
}

/**
 * The repo's root catalog-info.yaml/.yml plus files matching the configured globs, in path order.
 * Globs never follow symlinks (one to `/` would walk the whole disk) and so skip symlinked files;
 * a root descriptor is found by name, so a symlinked one is read (or refused, if it leaves the repo).
 */
export async function findDescriptorFiles(repo: Repo, globs: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const name of rootDescriptors) {
    const entry = await lstat(join(repo.dir, name)).catch(() => null);
    if (entry && !entry.isDirectory()) found.add(name);
  }
  if (globs.length > 0) {
    for (const file of await glob([...globs], { cwd: repo.dir, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: ['**/node_modules/**', '**/.git/**'] })) {
      found.add(file);
    }
  }
  return [...found].sort(compareStrings);
}

type Report = (code: ProblemCode, severity: Problem['severity'], file: string, at: { line: number; column: number }, message: string, entityRef?: string) => void;

/** The descriptor a document is in and the Location files that led to it, from the root down. */
interface ReadFrom {
  descriptor: FileDigest;
  locations: FileDigest[];
}

/** Substitutes, validates and wraps one document; reports and returns null when it is not a valid entity. */
async function loadDocument(repo: Repo, readFrom: ReadFrom, document: YamlDocument, options: LoadCatalogOptions, report: Report): Promise<LoadedEntity | null> {
  const { file } = readFrom.descriptor;
  const guessedRef = guessEntityRef(document.value);
  const envelopeError = validateEnvelope(document.value);
  if (envelopeError) {
    report(envelopeError.code, 'error', file, document.positionOf(envelopeError.path, envelopeError.at), envelopeError.message, guessedRef);
    return null;
  }
  const substituted = await applySubstitutions(document.value, { repo, file, maxBytes: options.maxFileBytes });
  let failed = false;
  for (const issue of substituted.issues) {
    const remote = issue.kind === 'remote';
    report(remote ? 'substitution-remote' : 'substitution-failed', remote ? 'warning' : 'error', file, document.positionOf(issue.path), issue.message, guessedRef);
    if (!remote) failed = true;
  }
  if (failed) return null;
  const result = await validateEntity(substituted.value, { customKinds: options.customKinds });
  if ('error' in result) {
    report(result.error.code, 'error', file, document.positionOf(result.error.path, result.error.at), result.error.message, guessedRef);
    return null;
  }
  const ref = entityRefOf(result.entity);
  return {
    entity: result.entity,
    ref,
    key: ref.toLowerCase(),
    source: { repo: repo.name, file, line: document.line },
    provenance: { ...readFrom, substitutions: substituted.files },
    positionOf: document.positionOf,
  };
}

/** First definition of each entity ref wins, in (repo, file, line) order; the rest are reported. */
function dropDuplicates(loaded: readonly LoadedEntity[], problems: Problem[]): LoadedEntity[] {
  const ordered = [...loaded].sort(
    (a, b) => compareStrings(a.source.repo, b.source.repo) || compareStrings(a.source.file, b.source.file) || a.source.line - b.source.line,
  );
  const winners = new Map<string, LoadedEntity>();
  for (const item of ordered) {
    const first = winners.get(item.key);
    if (!first) {
      winners.set(item.key, item);
      continue;
    }
    const at = item.positionOf(['metadata', 'name']);
    problems.push({
      severity: 'error',
      ...item.source,
      ...at,
      entityRef: item.ref,
      code: 'duplicate-entity',
      message: `${item.ref} is already defined in ${first.source.repo}/${first.source.file}:${first.source.line}; this second definition is skipped.`,
    });
  }
  return [...winners.values()];
}

function toCatalogEntity(loaded: LoadedEntity, relations: CatalogEntity['relations']): CatalogEntity {
  const { apiVersion, kind, metadata, spec } = loaded.entity as Entity & { metadata: CatalogEntity['metadata'] };
  return {
    apiVersion,
    kind,
    metadata,
    ...(spec ? { spec: spec as Record<string, unknown> } : {}),
    relations,
    source: loaded.source,
    provenance: loaded.provenance,
  };
}

/** The ref an invalid document would have had, to label its problem; undefined if kind or name is unusable. */
function guessEntityRef(value: unknown): string | undefined {
  const candidate = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (!candidate || typeof candidate.kind !== 'string' || typeof candidate.metadata?.name !== 'string') return undefined;
  const namespace = typeof candidate.metadata.namespace === 'string' ? candidate.metadata.namespace : undefined;
  return writtenEntityRef({ kind: candidate.kind, namespace, name: candidate.metadata.name });
}

function codeForReadError(error: RepoFileError): ProblemCode {
  if (error.reason === 'too-large') return 'file-too-large';
  if (error.reason === 'escape') return 'location-escape';
  if (error.reason === 'missing') return 'location-target-missing';
  return 'unreadable-file';
}
