import type { Block, Cell } from '../../plugin-api.ts';
import type { GraphQlField, GraphQlReference } from './api-reference.ts';
import { Anchors, paragraphs, tablesNamedAfter } from './render-blocks.ts';

const rootTitles = { query: 'Queries', mutation: 'Mutations', subscription: 'Subscriptions' } as const;
const kindTitles = { object: 'Object types', interface: 'Interfaces', input: 'Input types', enum: 'Enums', union: 'Unions', scalar: 'Scalars' } as const;

/** GraphQL: queries, mutations and subscriptions (each field collapsed), then the types by kind. */
export function graphQlBlocks(reference: GraphQlReference, anchors: Anchors): Block[] {
  const blocks: Block[] = reference.operations.map((root) => ({
    type: 'section',
    title: `${rootTitles[root.kind]} (${root.fields.length})`,
    id: anchors.id(root.kind),
    blocks: root.fields.map((field) => ({
      type: 'section',
      title: `${field.name}${field.args.length > 0 ? `(${field.args.map((arg) => arg.name).join(', ')})` : ''}: ${field.type}${field.deprecated ? ' (deprecated)' : ''}`,
      id: anchors.id(`${root.kind}-${field.name}`),
      collapsed: true,
      badge: { label: root.kind },
      blocks: tablesNamedAfter(`${root.kind} ${field.name}`, fieldBlocks(field)),
    })),
  }));
  for (const kind of Object.keys(kindTitles) as (keyof typeof kindTitles)[]) {
    const types = reference.types.filter((type) => type.kind === kind);
    if (types.length === 0) continue;
    blocks.push({
      type: 'section',
      title: `${kindTitles[kind]} (${types.length})`,
      id: anchors.id(`types-${kind}`),
      blocks: types.map((type): Block => ({
        type: 'section',
        title: type.name,
        id: anchors.id(`type-${type.name}`),
        collapsed: true,
        badge: { label: kind },
        blocks: tablesNamedAfter(type.name, [
          ...paragraphs(type.description),
          ...(type.related.length > 0 ? [{ type: 'facts' as const, items: [{ label: kind === 'union' ? 'Members' : 'Implements', value: type.related.map((name) => ({ text: name, code: true })) }] }] : []),
          ...(type.fields.length > 0 ? [fieldTable(type.fields, kind === 'input')] : []),
          ...(type.values.length > 0
            ? [
                {
                  type: 'table' as const,
                  caption: 'Values',
                  columns: [{ label: 'Value' }, { label: 'Description' }],
                  rows: type.values.map((value) => [deprecatedName(value.name, value.deprecated), value.description ?? '']),
                },
              ]
            : []),
        ]),
      })),
    });
  }
  return blocks;
}

function fieldBlocks(field: GraphQlField): Block[] {
  return [
    ...(field.deprecated ? [{ type: 'status' as const, tone: 'warning' as const, label: 'Deprecated', detail: field.deprecated }] : []),
    ...paragraphs(field.description),
    { type: 'facts', items: [{ label: 'Returns', value: { text: field.type, code: true } }] },
    ...(field.args.length > 0
      ? [
          {
            type: 'table' as const,
            caption: 'Arguments',
            columns: [{ label: 'Argument' }, { label: 'Type' }, { label: 'Default' }, { label: 'Description' }],
            rows: field.args.map((arg) => [deprecatedName(arg.name, arg.deprecated), { text: arg.type, code: true }, arg.defaultValue ? { text: arg.defaultValue, code: true } : '', arg.description ?? '']),
          },
        ]
      : []),
  ];
}

function fieldTable(fields: readonly GraphQlField[], input: boolean): Block {
  return {
    type: 'table',
    caption: 'Fields',
    columns: [{ label: 'Field' }, { label: 'Type' }, { label: input ? 'Default' : 'Arguments' }, { label: 'Description' }],
    rows: fields.map((field) => [
      deprecatedName(field.name, field.deprecated),
      { text: field.type, code: true },
      input ? (field.defaultValue ? { text: field.defaultValue, code: true } : '') : field.args.map((arg) => ({ text: `${arg.name}: ${arg.type}${arg.defaultValue ? ` = ${arg.defaultValue}` : ''}`, code: true })),
      [field.description ?? '', ...(field.deprecated ? [{ text: `Deprecated: ${field.deprecated}`, tone: 'warning' as const }] : [])],
    ]),
  };
}

function deprecatedName(name: string, deprecated: string | undefined): Cell {
  return [{ text: name, code: true }, ...(deprecated ? [{ text: 'deprecated', tone: 'warning' as const, title: deprecated }] : [])];
}
