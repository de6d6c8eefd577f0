import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DEFAULT_NAMESPACE,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  entityEnvelopeSchemaValidator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import type { ProblemCode } from '../vocabulary/problems.ts';

/** A kind's validator, or how to load it. */
type KindValidatorSource = KindValidator | (() => Promise<KindValidator>);

/**
 * Backstage's built-in kinds and the validators Backstage itself uses for them. Template's comes
 * from the scaffolder's own package, loaded on the first Template (see templateValidator).
 */
const kindValidators: ReadonlyMap<string, KindValidatorSource> = new Map<string, KindValidatorSource>([
  ['component', componentEntityV1alpha1Validator],
  ['api', apiEntityV1alpha1Validator],
  ['resource', resourceEntityV1alpha1Validator],
  ['system', systemEntityV1alpha1Validator],
  ['domain', domainEntityV1alpha1Validator],
  ['group', groupEntityV1alpha1Validator],
  ['user', userEntityV1alpha1Validator],
  ['location', locationEntityV1alpha1Validator],
  ['template', templateValidator],
]);

/** The scaffolder's package costs a tenth of a second to load: a catalog without templates never loads it. */
let template: Promise<KindValidator> | undefined;
function templateValidator(): Promise<KindValidator> {
  template ??= import('@backstage/plugin-scaffolder-common').then((scaffolder) => scaffolder.templateEntityV1beta3Validator);
  return template;
}

/** The apiVersion each built-in kind is written with, for the "outdated apiVersion" hint. */
const expectedApiVersion: Record<string, string> = { template: 'scaffolder.backstage.io/v1beta3' };

export const builtinKinds = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'];

// The same policy set the Backstage catalog backend applies before kind validation.
const entityPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/**
 * Compiles Backstage's entity schemas now rather than on the first descriptor of each kind: half
 * a second of ajv compilation that a pre-started pipeline worker spends while it waits for its job.
 * A validator loaded on demand (Template's) is left for its first descriptor.
 */
export async function prepareEntityValidation(): Promise<void> {
  validateEnvelope({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'warm-up' } });
  for (const kind of builtinKinds.filter((name) => typeof kindValidators.get(name.toLowerCase()) !== 'function')) {
    const apiVersion = expectedApiVersion[kind.toLowerCase()] ?? 'backstage.io/v1alpha1';
    await validateEntity({ apiVersion, kind, metadata: { name: 'warm-up' }, spec: {} }, { customKinds: [] });
  }
}

let envelopeValidator: ((data: unknown) => unknown) | undefined;

/**
 * Backstage's first check of a document, made before any placeholder is resolved (its
 * EntityEnvelope schema): a mapping with a string apiVersion, kind and metadata.name. A `$text`
 * in any of them is an error there, so it is here. Null when the envelope is sound.
 */
export function validateEnvelope(value: unknown): EntityValidationError | null {
  const missing = isPlainObject(value) ? ['apiVersion', 'kind', 'metadata'].filter((key) => value[key] === undefined) : undefined;
  if (!missing || missing.length > 0) {
    const why = missing ? `${missing.join(', ')} missing` : 'it is not a mapping';
    return {
      code: 'not-an-entity',
      path: [],
      at: 'value',
      message: `This YAML document is not a Backstage entity (${why}); an entity needs apiVersion, kind and metadata.name.`,
    };
  }
  envelopeValidator ??= entityEnvelopeSchemaValidator();
  try {
    envelopeValidator(value);
    return null;
  } catch (error) {
    return translateSchemaError((error as Error).message, undefined);
  }
}

export interface EntityValidationError {
  code: ProblemCode;
  /** Field the problem is about, as a path into the document (empty: the whole document). */
  path: (string | number)[];
  /** Point at the field's key rather than its value (an invalid label key, a missing field's parent). */
  at: 'key' | 'value';
  message: string;
}

export type EntityValidationResult = { entity: Entity } | { error: EntityValidationError };

/**
 * Validates one YAML document as a Backstage entity with Backstage's own policies and kind
 * validators, turning their verdict into a located, readable error.
 */
export async function validateEntity(
  value: unknown,
  options: { customKinds: readonly string[] },
): Promise<EntityValidationResult> {
  const envelopeError = validateEnvelope(value);
  if (envelopeError) return { error: envelopeError };
  // Policies return the entity as Backstage stores it (default namespace filled in); they get a copy.
  const copy = structuredClone(value) as unknown as Entity;
  // Backstage's DefaultNamespaceEntityPolicy fills a missing namespace with a deep lodash merge of the
  // whole entity, a large share of the catalog stage (BENCHMARKS.md). Filled here first, exactly where it
  // would fill it (absent, not merely empty), the policy still runs and finds nothing to do.
  if (copy.metadata.namespace === undefined) copy.metadata.namespace = DEFAULT_NAMESPACE;
  let candidate: Entity;
  try {
    const enforced = await entityPolicy.enforce(copy);
    if (!enforced) throw new Error('Invalid entity: rejected by the catalog policies');
    candidate = enforced;
  } catch (error) {
    return { error: translatePolicyError((error as Error).message) };
  }
  const kind = candidate.kind;
  const found = kindValidators.get(kind.toLowerCase());
  const validator = typeof found === 'function' ? await found() : found;
  if (!validator) {
    if (options.customKinds.some((custom) => custom.toLowerCase() === kind.toLowerCase())) return { entity: candidate };
    return {
      error: {
        code: 'unknown-kind',
        path: ['kind'],
        at: 'value',
        message: `Unknown kind "${kind}": Backstage's kinds are ${builtinKinds.join(', ')}. Declare it in the customKinds option if your catalog defines it.`,
      },
    };
  }
  try {
    if (await validator.check(candidate)) return { entity: candidate };
  } catch (error) {
    return { error: translateSchemaError((error as Error).message, kind) };
  }
  // The validator answers false (not its kind) for a kind spelled in another case: Backstage's kinds are case-sensitive.
  const spelled = builtinKinds.find((name) => name.toLowerCase() === kind.toLowerCase());
  if (spelled && spelled !== kind) {
    return { error: { code: 'invalid-entity', path: ['kind'], at: 'value', message: `Kind "${kind}" must be written "${spelled}": Backstage's kinds are case-sensitive.` } };
  }
  const wanted = expectedApiVersion[kind.toLowerCase()] ?? 'backstage.io/v1alpha1';
  return {
    error: {
      code: 'unsupported-api-version',
      path: ['apiVersion'],
      at: 'value',
      message: `apiVersion "${candidate.apiVersion}" is not supported for kind ${kind}; use "${wanted}".`,
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plain-language versions of the rules behind Backstage's field-format messages. */
const ruleSentences: [RegExp, string][] = [
  [/sequences of \[a-zA-Z0-9\] separated by any of \[-_\.\]/, 'letters and digits, optionally separated by single "-", "_" or ".", at most 63 characters'],
  [/sequences of \[a-z0-9\+#\] separated by \[-\]/, 'lowercase letters, digits, "+" and "#", optionally separated by single "-", at most 63 characters'],
  [/sequences of \[a-z0-9\] separated by \[-\]/, 'lowercase letters and digits, optionally separated by single "-", at most 63 characters'],
  [/a valid prefix and\/or suffix/, 'an optional DNS-style prefix and "/", then letters and digits separated by "-", "_" or "." (like example.com/my-key)'],
  [/a sequence of \[a-zA-Z\]\[a-z0-9A-Z\]/, 'a letter followed by letters and digits'],
];

function translatePolicyError(message: string): EntityValidationError {
  const fieldFormat = /^"(.+?)" is not valid;(?: expected (.+?) but found "(.*)"\.)?/s.exec(message);
  if (fieldFormat) {
    const field = fieldFormat[1]!;
    const expected = fieldFormat[2];
    const found = fieldFormat[3];
    const path = fieldPath(field);
    const rule = expected ? (ruleSentences.find(([pattern]) => pattern.test(expected))?.[1] ?? expected) : undefined;
    // For labels and annotations both key and value are checked; if the key is what failed, point at it.
    const isKey = /^(labels|annotations)\./.test(field) && found === field.slice(field.indexOf('.') + 1);
    const what = isKey ? `key "${found}" in metadata.${field.slice(0, field.indexOf('.'))}` : `${displayPath(path)}${found !== undefined ? ` "${found}"` : ''}`;
    return {
      code: 'invalid-entity',
      path,
      at: isKey ? 'key' : 'value',
      message: `Invalid ${what}${rule ? `: expected ${rule}` : ''}.`,
    };
  }
  const mustHave = /^(.+?) must have a value$/.exec(message);
  if (mustHave) {
    const path = fieldPath(mustHave[1]!);
    return { code: 'invalid-entity', path: path.slice(0, -1), at: 'key', message: `Missing required field ${displayPath(path)}.` };
  }
  const foreign = /^Unknown field (.+)$/.exec(message);
  if (foreign) {
    return {
      code: 'invalid-entity',
      path: [foreign[1]!],
      at: 'key',
      message: `Unknown top-level field "${foreign[1]}": an entity has only apiVersion, kind, metadata, spec, relations and status.`,
    };
  }
  const envelope = /^Malformed envelope, (.*)$/s.exec(message);
  if (envelope) return translateSchemaError(envelope[1]!, undefined);
  return { code: 'invalid-entity', path: [], at: 'value', message: `Invalid entity: ${message}` };
}

/** Turns an ajv message (`/spec must have required property 'owner' - missingProperty: owner`) into a sentence. */
function translateSchemaError(message: string, kind: string | undefined): EntityValidationError {
  const match = /^(<root>|\/\S*) (.+?)(?: - (.*))?$/s.exec(message);
  if (!match) return { code: 'invalid-entity', path: [], at: 'value', message: `Invalid entity: ${message}` };
  const path = match[1] === '<root>' ? [] : pointerPath(match[1]!);
  const rule = match[2]!;
  const params = match[3] ?? '';
  const required = /^must have required property '(.+)'$/.exec(rule);
  if (required) {
    const missing = [...path, required[1]!];
    return {
      code: 'invalid-entity',
      path,
      at: 'key',
      message: `${kind ? `${kind} is missing` : 'Missing'} required field ${displayPath(missing)}.`,
    };
  }
  const allowed = /allowedValues: (.*)$/.exec(params);
  const detail = allowed ? ` (one of: ${allowed[1]})` : '';
  return {
    code: 'invalid-entity',
    path,
    at: 'value',
    message: `${path.length ? displayPath(path) : 'The entity'} ${rule}${detail}.`,
  };
}

/** `tags.0` / `labels.example.com/key` / `metadata.name` → a path into the document. */
function fieldPath(field: string): (string | number)[] {
  const map = /^(labels|annotations)\.(.+)$/s.exec(field);
  if (map) return ['metadata', map[1]!, map[2]!]; // label and annotation keys may contain dots
  const parts = field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return ['tags', 'links'].includes(String(parts[0])) ? ['metadata', ...parts] : parts;
}

function pointerPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `['spec', 'targets', 2]` → `spec.targets[2]`. */
export function displayPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}
