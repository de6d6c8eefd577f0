import { posix } from 'node:path';
import type { Enum, Namespace, ReflectionObject, Root, Service, Type } from 'protobufjs';
import type { GrpcReference } from './api-reference.ts';
import { DefinitionError } from './definition-error.ts';
import type { MapInput } from './map-input.ts';
import { compact, text } from './schema-rows.ts';

type Protobuf = typeof import('protobufjs');

/** Imports followed at most (each one a repo file); a definition needing more shows the rest by name. */
const maxImports = 50;

/**
 * A `.proto` definition → the reference, with `protobufjs`'s parser: services and their methods
 * (streaming included), messages with fields, enums, comments as descriptions. Imports are
 * read from the repo (relative to the definition's folder, then the repo root) so their
 * messages are listed too; well-known `google/protobuf/*` imports and imports that are not in
 * the repo are shown by name only. A syntax error is located by the line protobufjs gives.
 */
export async function mapGrpc(definition: string, input: MapInput): Promise<GrpcReference> {
  const protobuf = (await import('protobufjs')).default as Protobuf;
  const root = new protobuf.Root();
  const options = { keepCase: true, alternateCommentMode: true };
  let parsed: ReturnType<Protobuf['parse']>;
  try {
    parsed = protobuf.parse(definition, root, options);
  } catch (error) {
    throw syntaxError(error, 'The protobuf definition has a syntax error');
  }
  // What the definition itself declares, before its imports join the same root.
  const own = new Set(fullNames(root));
  const imports = [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])];
  await readImports(protobuf, root, imports, posix.dirname(input.file), input, new Set(), options);
  const syntax = /^\s*(?:syntax|edition)\s*=\s*["']([^"']+)["']/m.exec(definition)?.[1];
  const reference: GrpcReference = compact({
    format: 'grpc' as const,
    specVersion: syntax,
    title: parsed.package,
    package: parsed.package,
    servers: [],
    imports,
    services: [] as GrpcReference['services'],
    messages: [] as GrpcReference['messages'],
    enums: [] as GrpcReference['enums'],
  });
  const relative = (fullName: string) => {
    const name = fullName.replace(/^\./, '');
    return parsed.package && name.startsWith(`${parsed.package}.`) ? name.slice(parsed.package.length + 1) : name;
  };
  walk(protobuf, root, (object) => {
    // Services come from the definition itself; messages and enums from it and from its imports.
    if (object instanceof protobuf.Service) {
      if (own.has(object.fullName)) reference.services.push(serviceView(object as Service, relative));
    } else if (object instanceof protobuf.Type) {
      reference.messages.push(messageView(protobuf, object as Type, relative));
    } else if (object instanceof protobuf.Enum) {
      reference.enums.push(enumView(object as Enum, relative));
    }
  });
  return reference;
}

async function readImports(protobuf: Protobuf, root: Root, imports: readonly string[], dir: string, input: MapInput, seen: Set<string>, options: object): Promise<void> {
  for (const name of imports) {
    if (name.startsWith('google/protobuf/') || seen.has(name) || seen.size >= maxImports) continue;
    seen.add(name);
    // protoc's include paths are a build setting; the definition's folder and the repo root cover most repos.
    const candidates = [...new Set([posix.join(dir, name), posix.normalize(name)])].filter((path) => !path.startsWith('..'));
    for (const path of candidates) {
      let source: string;
      try {
        source = await input.readFile(path);
      } catch {
        continue;
      }
      let parsed: ReturnType<Protobuf['parse']>;
      try {
        parsed = protobuf.parse(source, root, options);
      } catch (error) {
        throw syntaxError(error, `The protobuf file ${path}, imported by the definition, has a syntax error`, path);
      }
      await readImports(protobuf, root, [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])], posix.dirname(path), input, seen, options);
      break;
    }
  }
}

function fullNames(root: Root): string[] {
  const names: string[] = [];
  const visit = (namespace: Namespace) => {
    for (const object of namespace.nestedArray) {
      names.push(object.fullName);
      if ('nestedArray' in object) visit(object as Namespace);
    }
  };
  visit(root);
  return names;
}

function walk(protobuf: Protobuf, namespace: Namespace, visit: (object: ReflectionObject) => void): void {
  for (const object of namespace.nestedArray) {
    visit(object);
    if (object instanceof protobuf.Namespace) walk(protobuf, object, visit);
  }
}

function serviceView(service: Service, relative: (name: string) => string): GrpcReference['services'][number] {
  return compact({
    name: relative(service.fullName),
    description: text(service.comment),
    deprecated: service.options?.deprecated === true,
    methods: service.methodsArray.map((method) =>
      compact({
        name: method.name,
        request: method.requestType,
        response: method.responseType,
        requestStream: method.requestStream === true,
        responseStream: method.responseStream === true,
        description: text(method.comment),
        deprecated: method.options?.deprecated === true,
      }),
    ),
  });
}

function messageView(protobuf: Protobuf, type: Type, relative: (name: string) => string): GrpcReference['messages'][number] {
  return compact({
    name: relative(type.fullName),
    description: text(type.comment),
    fields: type.fieldsArray.map((field) => {
      const map = field instanceof protobuf.MapField ? `map<${field.keyType}, ${field.type}>` : undefined;
      const oneof = field.partOf && !field.partOf.name.startsWith('_') ? `oneof ${field.partOf.name}` : undefined;
      return compact({
        name: field.name,
        number: field.id,
        type: map ?? field.type,
        label: oneof ?? (map ? undefined : (field.rule ?? (field.options?.proto3_optional === true ? 'optional' : undefined))),
        description: text(field.comment),
        deprecated: field.options?.deprecated === true,
      });
    }),
  });
}

function enumView(enumeration: Enum, relative: (name: string) => string): GrpcReference['enums'][number] {
  return compact({
    name: relative(enumeration.fullName),
    description: text(enumeration.comment),
    values: Object.entries(enumeration.values).map(([name, number]) => compact({ name, number, description: text(enumeration.comments[name]) })),
  });
}

/** protobufjs says where in its message: "illegal token 'x' (line 4)". */
function syntaxError(error: unknown, what: string, file?: string): DefinitionError {
  const message = (error as Error).message;
  const line = /\bline (\d+)\)?$/.exec(message)?.[1];
  return new DefinitionError(`${what}: ${message.replace(/\s*\((?:[^()]*, )?line \d+\)$/, '')}`, line ? { line: Number(line), ...(file ? { file } : {}) } : undefined);
}
