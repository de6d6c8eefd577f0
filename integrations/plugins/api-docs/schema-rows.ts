import type { SchemaRow, SchemaView } from './api-reference.ts';

/**
 * A JSON Schema (OpenAPI's dialects, AsyncAPI payloads), already dereferenced and possibly
 * circular, flattened into rows a table can show: `customer.address.city  string  required`.
 * Cycles end in a "(circular)" row, and depth and row limits keep a huge schema from making a
 * huge page; what is left out is counted.
 */
export interface SchemaLimits {
  /** Nesting levels expanded below the top-level properties. */
  maxDepth: number;
  /** Rows per schema table. */
  maxRows: number;
}

/**
 * Rows left for a whole definition. Each schema is bounded by the limits, but a definition can
 * hold thousands of schemas, and they all end on one page: past this many rows, schemas list
 * what they have room for and count the rest.
 */
export class RowBudget {
  remaining: number;
  /** Rows left out because the budget was spent. */
  omitted = 0;

  constructor(rows: number) {
    this.remaining = rows;
  }
}

/** The name a schema was declared under (`Order` for `#/components/schemas/Order`), when known. */
export type SchemaNamer = (schema: object) => string | undefined;

type Json = Record<string, unknown>;

const maxDescription = 2_000;
const maxEnumValues = 20;
/** Nodes visited per schema at most, whatever the limits: shared sub-schemas can multiply paths. */
const maxVisits = 5_000;

/** The warning for a definition whose rows did not all fit its budget. */
export function omittedRowsWarning(format: string, rows: number, omitted: number): string {
  return `The ${format} definition's schemas have more than ${rows.toLocaleString('en-US')} rows in all (the API docs plugin's maxDefinitionRows): ${omitted.toLocaleString('en-US')} rows are not listed, and each table that lost some says how many.`;
}

export function schemaView(schema: unknown, nameOf: SchemaNamer, limits: SchemaLimits, budget: RowBudget = new RowBudget(Infinity)): SchemaView {
  const root = asSchema(schema);
  const walker = new RowWalker(nameOf, limits, budget);
  const merged = mergeAllOf(root);
  const items = isArraySchema(merged) && asSchema(merged.items) !== emptySchema ? asSchema(merged.items) : undefined;
  const ancestors = new Set<object>(items ? [root, items] : [root]);
  walker.expand(items ?? root, items ? '[]' : '', 0, ancestors);
  return compact({
    type: walker.typeOf(root),
    description: text(merged.description),
    values: valuesOf(merged),
    rows: walker.rows,
    omitted: walker.omitted > 0 ? walker.omitted : undefined,
  });
}

class RowWalker {
  readonly rows: SchemaRow[] = [];
  omitted = 0;
  private visits = 0;
  private readonly nameOf: SchemaNamer;
  private readonly limits: SchemaLimits;
  private readonly budget: RowBudget;

  constructor(nameOf: SchemaNamer, limits: SchemaLimits, budget: RowBudget) {
    this.nameOf = nameOf;
    this.limits = limits;
    this.budget = budget;
  }

  /** Rows for what `schema` contains (its properties, variants, map values), under `prefix`. */
  expand(schema: Json, prefix: string, depth: number, ancestors: Set<object>): void {
    const merged = mergeAllOf(schema);
    const required = new Set(Array.isArray(merged.required) ? merged.required.filter((name): name is string => typeof name === 'string') : []);
    const properties = isObject(merged.properties) ? Object.entries(merged.properties) : [];
    for (const [name, property] of properties) this.row(join(prefix, name), asSchema(property), required.has(name), depth, ancestors);
    if (isObject(merged.additionalProperties)) this.row(join(prefix, '{key}'), asSchema(merged.additionalProperties), false, depth, ancestors);
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const variants = merged[keyword];
      if (!Array.isArray(variants)) continue;
      variants.forEach((variant, index) => this.row(join(prefix, `${keyword}[${index}]`), asSchema(variant), false, depth, ancestors));
    }
  }

  private row(path: string, schema: Json, required: boolean, depth: number, ancestors: Set<object>): void {
    if (++this.visits > maxVisits || this.rows.length >= this.limits.maxRows) {
      this.omitted++;
      return;
    }
    if (this.budget.remaining <= 0) {
      this.omitted++;
      this.budget.omitted++;
      return;
    }
    this.budget.remaining--;
    const merged = mergeAllOf(schema);
    // What the row's children hang off: the schema itself, or an array's items (`tickets[].id`).
    const items = isArraySchema(merged) && asSchema(merged.items) !== emptySchema ? asSchema(merged.items) : undefined;
    const circular = ancestors.has(schema) || (items !== undefined && ancestors.has(items));
    this.rows.push(
      compact({
        path,
        depth,
        type: circular ? `${this.typeOf(schema)} (circular)` : this.typeOf(schema),
        required,
        description: text(merged.description),
        values: valuesOf(merged),
        deprecated: merged.deprecated === true ? true : undefined,
      }),
    );
    const inner = items ? mergeAllOf(items) : merged;
    if (circular || !hasChildren(inner)) return;
    if (depth + 1 > this.limits.maxDepth) {
      this.omitted += countChildren(inner);
      return;
    }
    const next = new Set(ancestors).add(schema);
    if (items) next.add(items);
    this.expand(items ?? schema, items ? `${path}[]` : path, depth + 1, next);
  }

  /** `Order`, `array of Ticket`, `string | null`, `one of: Card, BankTransfer`. */
  typeOf(schema: Json, seen: Set<object> = new Set()): string {
    const merged = mergeAllOf(schema);
    // A named string or number is still a string or number to the reader; names are for structures.
    const name = isPrimitive(merged) ? undefined : this.nameOf(schema);
    const nullable = merged.nullable === true || merged['x-nullable'] === true;
    const suffix = nullable ? ' | null' : '';
    if (seen.has(schema)) return name ?? 'object';
    seen.add(schema);
    if (isArraySchema(merged)) {
      const items = asSchema(merged.items);
      return `${name ? `${name}: ` : ''}array${items === emptySchema ? '' : ` of ${this.typeOf(items, seen)}`}${suffix}`;
    }
    if (name) return name + suffix;
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const variants = merged[keyword];
      if (Array.isArray(variants) && variants.length > 0) {
        const labels = variants.slice(0, 6).map((variant) => this.typeOf(asSchema(variant), seen));
        return `${keyword === 'oneOf' ? 'one of' : 'any of'}: ${labels.join(', ')}${variants.length > 6 ? ', …' : ''}${suffix}`;
      }
    }
    const type = merged.type;
    if (Array.isArray(type)) return type.map(String).join(' | ') + suffix;
    if (typeof type === 'string') return type + suffix;
    if (isObject(merged.properties) || isObject(merged.additionalProperties)) return `object${suffix}`;
    if (Array.isArray(merged.enum) && merged.enum.length > 0) return typeof merged.enum[0] + suffix;
    if ('const' in merged) return typeof merged.const + suffix;
    return 'any';
  }
}

/** `allOf` parts merged into one schema: properties and `required` combined, the rest from the first that has it. */
function mergeAllOf(schema: Json, seen: Set<object> = new Set()): Json {
  if (!Array.isArray(schema.allOf) || seen.has(schema)) return schema;
  seen.add(schema);
  const parts = [schema, ...schema.allOf.map((part) => mergeAllOf(asSchema(part), seen))];
  const merged: Json = {};
  const properties: Json = {};
  const required: unknown[] = [];
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'allOf') continue;
      if (key === 'properties' && isObject(value)) Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value)) required.push(...value);
      else if (!(key in merged)) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = required;
  if (!merged.type && merged.properties) merged.type = 'object';
  return merged;
}

function valuesOf(schema: Json): string | undefined {
  const parts: string[] = [];
  if (typeof schema.format === 'string') parts.push(`format: ${schema.format}`);
  if (Array.isArray(schema.enum)) {
    const shown = schema.enum.slice(0, maxEnumValues).map(literal);
    parts.push(`one of: ${shown.join(', ')}${schema.enum.length > maxEnumValues ? `, … (${schema.enum.length} values)` : ''}`);
  }
  if ('const' in schema) parts.push(`always ${literal(schema.const)}`);
  if ('default' in schema) parts.push(`default: ${literal(schema.default)}`);
  const bounds: [string, string][] = [
    ['minimum', '≥'],
    ['exclusiveMinimum', '>'],
    ['maximum', '≤'],
    ['exclusiveMaximum', '<'],
  ];
  for (const [key, symbol] of bounds) {
    // OpenAPI 3.0 and Swagger write exclusive bounds as booleans next to minimum/maximum.
    if (typeof schema[key] === 'number') {
      const exclusive = (key === 'minimum' && schema.exclusiveMinimum === true) || (key === 'maximum' && schema.exclusiveMaximum === true);
      parts.push(`${exclusive ? symbol.replace('≥', '>').replace('≤', '<') : symbol} ${schema[key]}`);
    }
  }
  for (const [key, label] of [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ] as const) {
    if (typeof schema[key] === 'number') parts.push(`${label}: ${schema[key]}`);
  }
  if (schema.uniqueItems === true) parts.push('unique items');
  if (typeof schema.pattern === 'string') parts.push(`pattern: ${schema.pattern}`);
  if (schema.readOnly === true) parts.push('read-only');
  if (schema.writeOnly === true) parts.push('write-only');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function literal(value: unknown): string {
  const shown = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return shown.length > 80 ? `${shown.slice(0, 77)}…` : shown;
}

function hasChildren(schema: Json): boolean {
  return (isObject(schema.properties) && Object.keys(schema.properties).length > 0) || isObject(schema.additionalProperties) || Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf);
}

function countChildren(schema: Json): number {
  return (isObject(schema.properties) ? Object.keys(schema.properties).length : 0) + (isObject(schema.additionalProperties) ? 1 : 0) + (Array.isArray(schema.oneOf) ? schema.oneOf.length : 0) + (Array.isArray(schema.anyOf) ? schema.anyOf.length : 0);
}

function isPrimitive(schema: Json): boolean {
  return typeof schema.type === 'string' && ['string', 'integer', 'number', 'boolean', 'null'].includes(schema.type);
}

function isArraySchema(schema: Json): boolean {
  return schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')) || (schema.type === undefined && isObject(schema.items));
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

const emptySchema: Json = Object.freeze({}) as Json;

function asSchema(value: unknown): Json {
  return isObject(value) ? value : emptySchema;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return trimmed.length > maxDescription ? `${trimmed.slice(0, maxDescription - 1)}…` : trimmed;
}

/** Drops undefined fields, so the data stays small and compares cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
