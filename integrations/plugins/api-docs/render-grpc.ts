import type { Block } from '../../plugin-api.ts';
import type { GrpcReference } from './api-reference.ts';
import { Anchors, paragraphs, plural, tablesNamedAfter } from './render-blocks.ts';

type Message = GrpcReference['messages'][number];

/** gRPC: a section per service with its methods (collapsed, request and response fields inside), then messages and enums. */
export function grpcBlocks(reference: GrpcReference, anchors: Anchors): Block[] {
  const messages = new Map(reference.messages.map((message) => [message.name, message]));
  const blocks: Block[] = reference.services.map((service) => ({
    type: 'section',
    title: `${service.name} (${plural(service.methods.length, 'method')})`,
    id: anchors.id(`service-${service.name}`),
    blocks: [
      ...(service.deprecated ? [{ type: 'status' as const, tone: 'warning' as const, label: 'Deprecated' }] : []),
      ...paragraphs(service.description),
      ...service.methods.map((method): Block => {
        const request = lookup(messages, method.request, reference.package);
        const response = lookup(messages, method.response, reference.package);
        return {
          type: 'section',
          title: `${method.name}(${method.requestStream ? 'stream ' : ''}${method.request}) → ${method.responseStream ? 'stream ' : ''}${method.response}${method.deprecated ? ' (deprecated)' : ''}`,
          id: anchors.id(`method-${service.name}-${method.name}`),
          collapsed: true,
          badge: { label: streaming(method.requestStream, method.responseStream), tone: method.requestStream || method.responseStream ? 'info' : 'neutral' },
          blocks: tablesNamedAfter(`${service.name}.${method.name}`, [
            ...(method.deprecated ? [{ type: 'status' as const, tone: 'warning' as const, label: 'Deprecated' }] : []),
            ...paragraphs(method.description),
            ...(request ? [fieldTable(request, `Request ${request.name}`)] : [{ type: 'text' as const, text: [{ text: 'Request: ' }, { text: method.request, code: true }] }]),
            ...(response ? [fieldTable(response, `Response ${response.name}`)] : [{ type: 'text' as const, text: [{ text: 'Response: ' }, { text: method.response, code: true }] }]),
          ]),
        };
      }),
    ],
  }));
  if (reference.messages.length > 0) {
    blocks.push({
      type: 'section',
      title: `Messages (${reference.messages.length})`,
      id: anchors.id('messages'),
      blocks: reference.messages.map((message): Block => ({
        type: 'section',
        title: message.name,
        id: anchors.id(`message-${message.name}`),
        collapsed: true,
        badge: { label: plural(message.fields.length, 'field') },
        blocks: tablesNamedAfter(message.name, [...paragraphs(message.description), fieldTable(message, 'Fields')]),
      })),
    });
  }
  if (reference.enums.length > 0) {
    blocks.push({
      type: 'section',
      title: `Enums (${reference.enums.length})`,
      id: anchors.id('enums'),
      blocks: reference.enums.map((enumeration): Block => ({
        type: 'section',
        title: enumeration.name,
        id: anchors.id(`enum-${enumeration.name}`),
        collapsed: true,
        badge: { label: plural(enumeration.values.length, 'value') },
        blocks: tablesNamedAfter(enumeration.name, [
          ...paragraphs(enumeration.description),
          {
            type: 'table',
            caption: 'Values',
            columns: [{ label: 'Name' }, { label: 'Number', numeric: true }, { label: 'Description' }],
            rows: enumeration.values.map((value) => [{ text: value.name, code: true }, String(value.number), value.description ?? '']),
          },
        ]),
      })),
    });
  }
  return blocks;
}

function fieldTable(message: Message, caption: string): Block {
  return {
    type: 'table',
    caption,
    columns: [{ label: 'Field' }, { label: 'Number', numeric: true }, { label: 'Type' }, { label: 'Label' }, { label: 'Description' }],
    rows: message.fields.map((field) => [
      [{ text: field.name, code: true }, ...(field.deprecated ? [{ text: 'deprecated', tone: 'warning' as const }] : [])],
      String(field.number),
      { text: field.type, code: true },
      field.label ?? '',
      field.description ?? '',
    ]),
    empty: 'No fields.',
  };
}

/** A method's type as written (`HoldSeatsRequest`, `.pkg.Type`, `pkg.Type`) → the message, if the definition has it. */
function lookup(messages: Map<string, Message>, name: string, pkg: string | undefined): Message | undefined {
  const bare = name.replace(/^\./, '');
  return messages.get(bare) ?? (pkg && bare.startsWith(`${pkg}.`) ? messages.get(bare.slice(pkg.length + 1)) : undefined);
}

function streaming(request: boolean, response: boolean): string {
  if (request && response) return 'bidi streaming';
  if (request) return 'client streaming';
  if (response) return 'server streaming';
  return 'unary';
}
