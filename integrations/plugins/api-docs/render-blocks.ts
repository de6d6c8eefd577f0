import type { Block, Cell, Tone } from '../../plugin-api.ts';
import type { Example, SchemaView } from './api-reference.ts';

/** Blocks every definition type's reference uses: schema tables, examples, anchors. */

const schemaColumns = [{ label: 'Property' }, { label: 'Type' }, { label: 'Required' }, { label: 'Description' }, { label: 'Values' }];

/** A schema as a table of its (nested) properties, or one line for a schema without properties. */
export function schemaBlocks(schema: SchemaView, caption: string): Block[] {
  const blocks: Block[] = [];
  const summary: Cell = [{ text: caption }, ': ', { text: schema.type, code: true }, ...(schema.values ? [` (${schema.values})`] : [])];
  if (schema.rows.length === 0) {
    blocks.push({ type: 'text', text: summary });
    if (schema.description) blocks.push(...paragraphs(schema.description));
    return blocks;
  }
  if (schema.description) blocks.push(...paragraphs(schema.description));
  blocks.push({
    type: 'table',
    caption: `${caption}: ${schema.type}`,
    columns: schemaColumns,
    rows: schema.rows.map((row) => [
      [{ text: row.path, code: true }, ...(row.deprecated ? [{ text: 'deprecated', tone: 'warning' as const }] : [])],
      { text: row.type, code: true },
      row.required ? 'yes' : '',
      row.description ?? '',
      row.values ?? '',
    ]),
  });
  if (schema.omitted) {
    blocks.push({ type: 'text', text: `${schema.omitted} more nested propert${schema.omitted === 1 ? 'y is' : 'ies are'} not listed here; the definition has them all.` });
  }
  return blocks;
}

export function exampleBlocks(examples: readonly Example[], what = 'Example'): Block[] {
  return examples.map((example) => ({
    type: 'code',
    language: example.language === 'text' ? undefined : example.language,
    text: example.text,
    caption: example.title ? `${what}: ${example.title}` : what,
  }));
}

/**
 * Adds an entry's name (an operation, method, message or type) to the caption of every table in its blocks:
 * "Parameters (POST /orders)". A caption also names its table's scrollable region, and once a reader opens two
 * entries, two regions called "Parameters" on one page could not be told apart.
 */
export function tablesNamedAfter(entry: string, blocks: readonly Block[]): Block[] {
  return blocks.map((block): Block => {
    if (block.type === 'table' && block.caption) return { ...block, caption: `${block.caption} (${entry})` };
    if (block.type === 'section') return { ...block, blocks: tablesNamedAfter(entry, block.blocks) };
    return block;
  });
}

/** A table of parameters (OpenAPI parameters and headers, AsyncAPI channel parameters). */
export function parameterTable(
  caption: string,
  parameters: readonly { name: string; in: string; type: string; required: boolean; description?: string; values?: string; deprecated?: boolean }[],
  showIn = true,
): Block {
  return {
    type: 'table',
    caption,
    columns: [{ label: 'Name' }, ...(showIn ? [{ label: 'In' }] : []), { label: 'Type' }, { label: 'Required' }, { label: 'Description' }, { label: 'Values' }],
    rows: parameters.map((parameter) => [
      [{ text: parameter.name, code: true }, ...(parameter.deprecated ? [{ text: 'deprecated', tone: 'warning' as const }] : [])],
      ...(showIn ? [parameter.in] : []),
      { text: parameter.type, code: true },
      parameter.required ? 'yes' : '',
      parameter.description ?? '',
      parameter.values ?? '',
    ]),
  };
}

/** HTTP methods coloured as API explorers colour them. */
export function methodTone(method: string): Tone {
  switch (method.toUpperCase()) {
    case 'GET':
      return 'info';
    case 'POST':
      return 'ok';
    case 'PUT':
    case 'PATCH':
      return 'warning';
    case 'DELETE':
      return 'error';
    default:
      return 'neutral';
  }
}

/** Unique anchor ids within one panel. */
export class Anchors {
  private readonly used = new Set<string>();

  id(seed: string): string {
    const base = seed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** A description as written, one text block per paragraph (descriptions are shown as text, never as markup). */
export function paragraphs(text: string | undefined): Block[] {
  if (!text) return [];
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => ({ type: 'text' as const, text: paragraph }));
}

/** A table of servers: URL, name or protocol where the definition has them, description. */
export function serverTable(servers: readonly { url: string; name?: string; protocol?: string; description?: string }[]): Block {
  const named = servers.some((server) => server.name);
  const protocols = servers.some((server) => server.protocol);
  return {
    type: 'table',
    caption: 'Servers',
    columns: [...(named ? [{ label: 'Name' }] : []), { label: 'URL' }, ...(protocols ? [{ label: 'Protocol' }] : []), { label: 'Description' }],
    rows: servers.map((server) => [...(named ? [server.name ?? ''] : []), { text: server.url, code: true }, ...(protocols ? [server.protocol ?? ''] : []), server.description ?? '']),
  };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
