import { z } from '../../plugin-api.ts';

/**
 * The API docs plugin's data: one API definition, parsed, its `$ref`s resolved, reduced to what a
 * reader of the reference needs. One shape per definition type; `render-*.ts` turn it into panels.
 */

/** One line of a schema, flattened: nested properties carry their parents in `path` (`customer.address.city`). */
export const schemaRowSchema = z.object({
  /** `customer.address.city`, `items[].id`, `metadata.{key}`, `oneOf[1].card`. */
  path: z.string(),
  depth: z.number().int().min(0),
  /** `string`, `integer`, `array of Ticket`, `Order`, `Node (circular)`. */
  type: z.string(),
  required: z.boolean(),
  description: z.string().optional(),
  /** Enum values, format, default, bounds, pattern: `format: date-time · one of: a, b`. */
  values: z.string().optional(),
  deprecated: z.boolean().optional(),
});
export type SchemaRow = z.infer<typeof schemaRowSchema>;

/** A schema as a table: its overall type and one row per property, nested properties included. */
export const schemaViewSchema = z.object({
  /** The whole schema's type: `object`, `Order`, `array of Ticket`, `string`. */
  type: z.string(),
  description: z.string().optional(),
  values: z.string().optional(),
  rows: z.array(schemaRowSchema),
  /** Rows left out to keep the page small (past the depth or row limit). */
  omitted: z.number().int().min(0).optional(),
});
export type SchemaView = z.infer<typeof schemaViewSchema>;

export const exampleSchema = z.object({
  title: z.string().optional(),
  /** Pretty-printed (JSON or the text as written). */
  text: z.string(),
  language: z.enum(['json', 'yaml', 'text']),
});
export type Example = z.infer<typeof exampleSchema>;

/** A request body, response or message payload in one media type. */
export const contentSchema = z.object({
  mediaType: z.string(),
  schema: schemaViewSchema.optional(),
  examples: z.array(exampleSchema),
});
export type ContentView = z.infer<typeof contentSchema>;

export const serverSchema = z.object({
  url: z.string(),
  name: z.string().optional(),
  protocol: z.string().optional(),
  description: z.string().optional(),
});

const summarySchema = {
  title: z.string().optional(),
  version: z.string().optional(),
  description: z.string().optional(),
  /** The definition's format version: `3.0.3`, `2.0`, `2.6.0`, `proto3`. */
  specVersion: z.string().optional(),
  servers: z.array(serverSchema),
};

export const parameterSchema = z.object({
  name: z.string(),
  /** path, query, header, cookie (Swagger 2: also formData). */
  in: z.string(),
  type: z.string(),
  required: z.boolean(),
  description: z.string().optional(),
  values: z.string().optional(),
  deprecated: z.boolean().optional(),
});
export type Parameter = z.infer<typeof parameterSchema>;

export const operationSchema = z.object({
  /** Anchor id, unique within the reference. */
  id: z.string(),
  method: z.string(),
  /** The path, or for an OpenAPI 3.1 webhook its name. */
  path: z.string(),
  /** An OpenAPI 3.1 webhook: a request the API sends, not one it answers. */
  webhook: z.boolean().optional(),
  operationId: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  deprecated: z.boolean(),
  security: z.array(z.string()),
  parameters: z.array(parameterSchema),
  requestBody: z.object({ description: z.string().optional(), required: z.boolean(), contents: z.array(contentSchema) }).optional(),
  responses: z.array(
    z.object({
      status: z.string(),
      description: z.string().optional(),
      headers: z.array(parameterSchema),
      contents: z.array(contentSchema),
    }),
  ),
});
export type Operation = z.infer<typeof operationSchema>;

export const openApiReferenceSchema = z.object({
  format: z.literal('openapi'),
  ...summarySchema,
  /** Operations grouped by tag, in the definition's tag order; untagged ones, then webhooks, last. */
  tags: z.array(z.object({ name: z.string(), description: z.string().optional(), operations: z.array(operationSchema) })),
  securitySchemes: z.array(z.object({ name: z.string(), type: z.string(), description: z.string().optional() })),
});
export type OpenApiReference = z.infer<typeof openApiReferenceSchema>;

export const messageSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  contentType: z.string().optional(),
  payload: schemaViewSchema.optional(),
  headers: schemaViewSchema.optional(),
  examples: z.array(exampleSchema),
});

export const asyncApiReferenceSchema = z.object({
  format: z.literal('asyncapi'),
  ...summarySchema,
  channels: z.array(
    z.object({
      id: z.string(),
      /** Anchor id. */
      anchor: z.string(),
      address: z.string().optional(),
      description: z.string().optional(),
      parameters: z.array(parameterSchema),
      operations: z.array(
        z.object({
          id: z.string(),
          /** `send` / `receive` (3.x), `publish` / `subscribe` (2.x), as written. */
          action: z.string(),
          summary: z.string().optional(),
          description: z.string().optional(),
          messages: z.array(z.string()),
        }),
      ),
      messages: z.array(messageSchema),
    }),
  ),
});
export type AsyncApiReference = z.infer<typeof asyncApiReferenceSchema>;

export const graphQlFieldSchema = z.object({
  name: z.string(),
  type: z.string(),
  /** An input field's default, as written. */
  defaultValue: z.string().optional(),
  description: z.string().optional(),
  /** Deprecation reason (`@deprecated`); absent when not deprecated. */
  deprecated: z.string().optional(),
  args: z.array(z.object({ name: z.string(), type: z.string(), defaultValue: z.string().optional(), description: z.string().optional(), deprecated: z.string().optional() })),
});
export type GraphQlField = z.infer<typeof graphQlFieldSchema>;

export const graphQlReferenceSchema = z.object({
  format: z.literal('graphql'),
  ...summarySchema,
  /** Root fields: queries, mutations, subscriptions. */
  operations: z.array(z.object({ kind: z.enum(['query', 'mutation', 'subscription']), typeName: z.string(), fields: z.array(graphQlFieldSchema) })),
  types: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['object', 'interface', 'input', 'enum', 'union', 'scalar']),
      description: z.string().optional(),
      fields: z.array(graphQlFieldSchema),
      values: z.array(z.object({ name: z.string(), description: z.string().optional(), deprecated: z.string().optional() })),
      /** Union members, or the interfaces an object or interface implements. */
      related: z.array(z.string()),
    }),
  ),
});
export type GraphQlReference = z.infer<typeof graphQlReferenceSchema>;

export const grpcReferenceSchema = z.object({
  format: z.literal('grpc'),
  ...summarySchema,
  package: z.string().optional(),
  imports: z.array(z.string()),
  services: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      deprecated: z.boolean(),
      methods: z.array(
        z.object({
          name: z.string(),
          request: z.string(),
          response: z.string(),
          requestStream: z.boolean(),
          responseStream: z.boolean(),
          description: z.string().optional(),
          deprecated: z.boolean(),
        }),
      ),
    }),
  ),
  messages: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      fields: z.array(
        z.object({
          name: z.string(),
          number: z.number().int(),
          type: z.string(),
          /** `repeated`, `optional`, `required`, `map`, or `oneof <name>`. */
          label: z.string().optional(),
          description: z.string().optional(),
          deprecated: z.boolean(),
        }),
      ),
    }),
  ),
  enums: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      values: z.array(z.object({ name: z.string(), number: z.number().int(), description: z.string().optional() })),
    }),
  ),
});
export type GrpcReference = z.infer<typeof grpcReferenceSchema>;

export const apiReferenceSchema = z.discriminatedUnion('format', [openApiReferenceSchema, asyncApiReferenceSchema, graphQlReferenceSchema, grpcReferenceSchema]);
export type ApiReference = z.infer<typeof apiReferenceSchema>;

/** The definition types the plugin renders (Backstage's `spec.type` values). */
export const supportedTypes = ['openapi', 'asyncapi', 'graphql', 'grpc'] as const;
export type DefinitionType = (typeof supportedTypes)[number];
