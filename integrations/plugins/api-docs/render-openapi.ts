import type { Block } from '../../plugin-api.ts';
import type { ContentView, OpenApiReference, Operation } from './api-reference.ts';
import { Anchors, exampleBlocks, methodTone, paragraphs, parameterTable, plural, schemaBlocks, tablesNamedAfter } from './render-blocks.ts';

/** OpenAPI / Swagger: a section per tag, a collapsed section per operation. */
export function openApiBlocks(reference: OpenApiReference, anchors: Anchors): Block[] {
  const blocks: Block[] = reference.tags.map((tag) => ({
    type: 'section',
    title: `${tag.name} (${plural(tag.operations.length, 'operation')})`,
    id: anchors.id(`tag-${tag.name}`),
    blocks: [...paragraphs(tag.description), ...tag.operations.map((operation) => operationSection(operation, anchors))],
  }));
  if (reference.securitySchemes.length > 0) {
    blocks.push({
      type: 'section',
      title: 'Authentication',
      id: anchors.id('authentication'),
      blocks: [
        {
          type: 'table',
          caption: 'Security schemes',
          columns: [{ label: 'Name' }, { label: 'Type' }, { label: 'Description' }],
          rows: reference.securitySchemes.map((scheme) => [{ text: scheme.name, code: true }, scheme.type, scheme.description ?? '']),
        },
      ],
    });
  }
  return blocks;
}

function operationSection(operation: Operation, anchors: Anchors): Block {
  const blocks: Block[] = [];
  if (operation.deprecated) blocks.push({ type: 'status', tone: 'warning', label: 'Deprecated', detail: 'This operation may be removed; avoid it in new code.' });
  blocks.push(...paragraphs(operation.description));
  const facts = [
    ...(operation.operationId ? [{ label: 'Operation ID', value: { text: operation.operationId, code: true } }] : []),
    ...(operation.security.length > 0 ? [{ label: 'Security', value: operation.security.join(', ') }] : []),
  ];
  if (facts.length > 0) blocks.push({ type: 'facts', items: facts });
  if (operation.parameters.length > 0) blocks.push(parameterTable('Parameters', operation.parameters));
  if (operation.requestBody) {
    const body = operation.requestBody;
    blocks.push({
      type: 'section',
      title: `Request body${body.required ? ' (required)' : ''}`,
      blocks: [...paragraphs(body.description), ...body.contents.flatMap((content) => contentBlocks(content, 'Request'))],
    });
  }
  if (operation.responses.length > 0) {
    blocks.push({
      type: 'section',
      title: 'Responses',
      blocks: operation.responses.flatMap((response): Block[] => [
        { type: 'text', text: [{ text: response.status, code: true, tone: statusTone(response.status) }, ...(response.description ? [response.description] : [])] },
        ...(response.headers.length > 0 ? [parameterTable(`${response.status} headers`, response.headers, false)] : []),
        ...response.contents.flatMap((content) => contentBlocks(content, `Response ${response.status}`)),
      ]),
    });
  }
  return {
    type: 'section',
    title: `${operation.webhook ? `Webhook ${operation.path}` : operation.path}${operation.summary ? ` — ${operation.summary}` : ''}${operation.deprecated ? ' (deprecated)' : ''}`,
    id: anchors.id(operation.id),
    collapsed: true,
    badge: { label: operation.method, tone: methodTone(operation.method) },
    blocks: tablesNamedAfter(`${operation.method} ${operation.path}`, blocks),
  };
}

function contentBlocks(content: ContentView, what: string): Block[] {
  return [...(content.schema ? schemaBlocks(content.schema, `${what} ${content.mediaType}`) : [{ type: 'text' as const, text: `${what} ${content.mediaType}` }]), ...exampleBlocks(content.examples, `Example ${content.mediaType}`)];
}

function statusTone(status: string) {
  if (/^2/.test(status)) return 'ok' as const;
  if (/^3/.test(status)) return 'info' as const;
  if (/^[45]/.test(status)) return 'error' as const;
  return 'neutral' as const;
}
