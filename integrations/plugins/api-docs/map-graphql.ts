import type { DocumentNode, GraphQLField, GraphQLInputField, GraphQLArgument, GraphQLNamedType, GraphQLSchema, NameNode } from 'graphql';
import { compareStrings } from '../../plugin-api.ts';
import type { GraphQlField, GraphQlReference } from './api-reference.ts';
import { DefinitionError, type TextPosition } from './definition-error.ts';
import { compact, text } from './schema-rows.ts';

type GraphQl = typeof import('graphql');
type TypeView = GraphQlReference['types'][number];

const builtInScalars = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * A GraphQL SDL definition → the reference, with `graphql` (the reference implementation): the
 * text is parsed (syntax errors carry line and column) and built into a schema with SDL
 * validation (unknown types, duplicate names), then checked with the schema rules.
 */
export async function mapGraphQl(definition: string): Promise<GraphQlReference> {
  const graphql: GraphQl = await import('graphql');
  let document: DocumentNode;
  try {
    document = graphql.parse(definition, { noLocation: false });
  } catch (error) {
    throw fromGraphQlError(error, 'The GraphQL schema has a syntax error');
  }
  let schema: GraphQLSchema;
  try {
    schema = graphql.buildASTSchema(document);
  } catch (error) {
    // SDL validation joins its errors into one message without locations; find the name it is about.
    const message = (error as Error).message.split('\n\n')[0]!;
    throw new DefinitionError(`The GraphQL schema is invalid: ${message}`, locateName(graphql, document, message));
  }
  // A schema without a Query type is still worth reading (a federated subgraph, a fragment of a
  // bigger schema): that rule is the one not enforced.
  const invalid = graphql.validateSchema(schema).filter((error) => !/^Query root type must be provided/.test(error.message));
  if (invalid.length > 0) throw fromGraphQlError(invalid[0], 'The GraphQL schema is invalid');
  return new GraphQlMapper(graphql, schema, document).reference();
}

class GraphQlMapper {
  private readonly graphql: GraphQl;
  private readonly schema: GraphQLSchema;
  private readonly document: DocumentNode;

  constructor(graphql: GraphQl, schema: GraphQLSchema, document: DocumentNode) {
    this.graphql = graphql;
    this.schema = schema;
    this.document = document;
  }

  reference(): GraphQlReference {
    const roots = [
      ['query', this.schema.getQueryType()],
      ['mutation', this.schema.getMutationType()],
      ['subscription', this.schema.getSubscriptionType()],
    ] as const;
    const rootNames = new Set(roots.map(([, type]) => type?.name).filter(Boolean));
    // Types in the order the SDL declares them, which is the order its author chose to explain them in.
    const declared = new Map<string, number>();
    this.document.definitions.forEach((definition, index) => {
      if ('name' in definition && definition.name && !declared.has(definition.name.value)) declared.set(definition.name.value, index);
    });
    const types = Object.values(this.schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && !builtInScalars.has(type.name) && !rootNames.has(type.name))
      .sort((a, b) => (declared.get(a.name) ?? Infinity) - (declared.get(b.name) ?? Infinity) || compareStrings(a.name, b.name))
      .map((type) => this.type(type));
    return compact({
      format: 'graphql' as const,
      servers: [],
      operations: roots.flatMap(([kind, type]) => (type ? [{ kind, typeName: type.name, fields: Object.values(type.getFields()).map((field) => this.field(field)) }] : [])),
      types,
    });
  }

  private type(type: GraphQLNamedType): TypeView {
    const g = this.graphql;
    const base = { name: type.name, description: text(type.description), fields: [] as GraphQlField[], values: [] as TypeView['values'], related: [] as string[] };
    if (g.isObjectType(type) || g.isInterfaceType(type)) {
      return compact({
        ...base,
        kind: g.isObjectType(type) ? ('object' as const) : ('interface' as const),
        fields: Object.values(type.getFields()).map((field) => this.field(field)),
        related: type.getInterfaces().map((parent) => parent.name),
      });
    }
    if (g.isInputObjectType(type)) return compact({ ...base, kind: 'input' as const, fields: Object.values(type.getFields()).map((field) => this.field(field)) });
    if (g.isEnumType(type)) {
      return compact({
        ...base,
        kind: 'enum' as const,
        values: type.getValues().map((value) => compact({ name: value.name, description: text(value.description), deprecated: value.deprecationReason ?? undefined })),
      });
    }
    if (g.isUnionType(type)) return compact({ ...base, kind: 'union' as const, related: type.getTypes().map((member) => member.name) });
    return compact({ ...base, kind: 'scalar' as const });
  }

  private field(field: GraphQLField<unknown, unknown> | GraphQLInputField): GraphQlField {
    const args = 'args' in field ? field.args : [];
    const defaultValue = 'args' in field ? undefined : field.astNode?.defaultValue;
    return compact({
      name: field.name,
      type: String(field.type),
      defaultValue: defaultValue ? this.graphql.print(defaultValue) : undefined,
      description: text(field.description),
      deprecated: field.deprecationReason ?? undefined,
      args: args.map((arg: GraphQLArgument) =>
        compact({
          name: arg.name,
          type: String(arg.type),
          // As written in the SDL: the AST keeps the literal, whatever the version's value API.
          defaultValue: arg.astNode?.defaultValue ? this.graphql.print(arg.astNode.defaultValue) : undefined,
          description: text(arg.description),
          deprecated: arg.deprecationReason ?? undefined,
        }),
      ),
    });
  }
}

function fromGraphQlError(error: unknown, what: string): DefinitionError {
  const located = error as { message: string; locations?: readonly { line: number; column: number }[] };
  const at = located.locations?.[0];
  const message = located.message.replace(/^Syntax Error:\s*/, '');
  return new DefinitionError(`${what}: ${message}`, at ? { line: at.line, column: at.column } : undefined);
}

/** Where the first name quoted in an SDL validation message appears: a reference for "Unknown type", else its last definition (the duplicate). */
function locateName(graphql: GraphQl, document: DocumentNode, message: string): TextPosition | undefined {
  const name = /"([_A-Za-z][_0-9A-Za-z]*)"/.exec(message)?.[1];
  if (!name) return undefined;
  const references: NameNode[] = [];
  const definitions: NameNode[] = [];
  graphql.visit(document, {
    NamedType: (node) => {
      if (node.name.value === name) references.push(node.name);
    },
    enter: (node) => {
      if (node.kind !== graphql.Kind.NAMED_TYPE && 'name' in node && node.name && (node.name as NameNode).value === name) definitions.push(node.name as NameNode);
    },
  });
  const node = /^Unknown type/.test(message) ? references[0] : (definitions.at(-1) ?? references[0]);
  const start = node?.loc?.startToken;
  return start ? { line: start.line, column: start.column } : undefined;
}
