/**
 * Entity refs, the one way Playbill derives, parses and formats them: as Backstage's `stringifyEntityRef` and
 * `parseEntityRef` (@backstage/catalog-model) do, which the tests hold this to, without loading that package (the
 * plugin stage, the pages and the browser use refs too).
 */

/** The namespace of an entity or ref that names none. */
export const defaultNamespace = 'default';

/** A ref's three parts. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** `kind:namespace/name`, every part lower-cased and the namespace defaulted, as Backstage's `stringifyEntityRef`. */
export function formatEntityRef(ref: { kind: string; namespace?: string | undefined; name: string }): string {
  return refPrefix(ref) + ref.name.toLowerCase();
}

/**
 * The ref a document that failed validation would have had, to label its problem: as `formatEntityRef`, but with the
 * name as written, since the name may be what is wrong with it (`component:default/Bad Name!`).
 */
export function writtenEntityRef(ref: { kind: string; namespace?: string | undefined; name: string }): string {
  return refPrefix(ref) + ref.name;
}

function refPrefix(ref: { kind: string; namespace?: string | undefined }): string {
  return `${ref.kind.toLowerCase()}:${(ref.namespace ?? defaultNamespace).toLowerCase()}/`;
}

/** An entity's ref (`component:default/ticketing`): what the catalog keys it by and relations point at. */
export function entityRefOf(entity: { kind: string; metadata: { name: string; namespace?: string | undefined } }): string {
  return formatEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
}

/**
 * `[kind:][namespace/]name` → its parts, the missing ones from `context`, as Backstage's `parseEntityRef` reads a
 * string, with its error messages (they reach problems). Case is kept: `formatEntityRef` lower-cases.
 */
export function parseEntityRef(ref: string, context: { defaultKind?: string; defaultNamespace?: string } = {}): EntityName {
  if (!ref) throw new Error('Entity reference must not be empty');
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  // A colon after the first slash belongs to the name.
  if (slash !== -1 && slash < colon) colon = -1;
  const writtenKind = colon === -1 ? undefined : ref.slice(0, colon);
  const writtenNamespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (writtenKind === '' || writtenNamespace === '' || name === '') {
    throw new TypeError(`Entity reference "${ref}" was not on the form [<kind>:][<namespace>/]<name>`);
  }
  const kind = writtenKind ?? context.defaultKind;
  const namespace = writtenNamespace ?? (context.defaultNamespace || defaultNamespace);
  if (!kind) throw new Error(`Entity reference ${JSON.stringify(ref)} had missing or empty kind (e.g. did not start with "component:" or similar)`);
  return { kind, namespace, name };
}

/**
 * A ref as people write it in descriptors: without the default namespace, and without the kind the field implies
 * (`group:default/payments-team` → `payments-team` for an owner, `user:default/ada` → `user:ada`, `group:ops/sre` →
 * `ops/sre`). Anything that is not a formatted ref is returned as it is.
 */
export function shortRef(ref: string, impliedKind: string): string {
  const match = /^([^:/]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) return ref;
  const [, kind, namespace, name] = match as unknown as [string, string, string, string];
  const path = namespace.toLowerCase() === defaultNamespace ? name : `${namespace}/${name}`;
  return kind.toLowerCase() === impliedKind.toLowerCase() ? path : `${kind.toLowerCase()}:${path}`;
}

/** A ref's name as a listing shows it: `namespace/name`, or the name alone in the default namespace. */
export function displayName(namespace: string, name: string): string {
  return namespace.toLowerCase() === defaultNamespace ? name : `${namespace}/${name}`;
}
