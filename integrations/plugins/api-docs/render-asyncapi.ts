import type { Block } from '../../plugin-api.ts';
import type { AsyncApiReference } from './api-reference.ts';
import { Anchors, exampleBlocks, paragraphs, parameterTable, plural, schemaBlocks, tablesNamedAfter } from './render-blocks.ts';

type Channel = AsyncApiReference['channels'][number];

/** AsyncAPI: a section per channel with its operations and messages, each collapsed. */
export function asyncApiBlocks(reference: AsyncApiReference, anchors: Anchors): Block[] {
  const blocks: Block[] = [];
  for (const channel of reference.channels) blocks.push(channelSection(channel, anchors));
  return blocks;
}

function channelSection(channel: Channel, anchors: Anchors): Block {
  const blocks: Block[] = [];
  if (channel.address && channel.address !== channel.id) blocks.push({ type: 'facts', items: [{ label: 'Channel id', value: { text: channel.id, code: true } }] });
  blocks.push(...paragraphs(channel.description));
  if (channel.parameters.length > 0) blocks.push(parameterTable(`Channel parameters (${channel.address ?? channel.id})`, channel.parameters, false));
  for (const operation of channel.operations) {
    blocks.push({
      type: 'section',
      title: `${operation.id}${operation.summary ? ` — ${operation.summary}` : ''}`,
      id: anchors.id(`operation-${channel.id}-${operation.id}`),
      collapsed: true,
      badge: { label: operation.action, tone: actionTone(operation.action) },
      blocks: [
        ...paragraphs(operation.description),
        {
          type: 'facts',
          items: [
            { label: 'Direction', value: sends(operation.action) ? 'the application sends these messages' : 'the application receives these messages' },
            { label: 'Messages', value: operation.messages.length > 0 ? operation.messages.map((name) => ({ text: name, code: true })) : 'none' },
          ],
        },
      ],
    });
  }
  for (const message of channel.messages) {
    blocks.push({
      type: 'section',
      title: `${message.name}${message.title && message.title !== message.name ? ` — ${message.title}` : ''}`,
      id: anchors.id(`message-${channel.id}-${message.id}`),
      collapsed: true,
      badge: { label: 'message' },
      blocks: tablesNamedAfter(message.name, [
        ...(message.summary ? [{ type: 'text' as const, text: message.summary }] : []),
        ...paragraphs(message.description),
        ...(message.contentType ? [{ type: 'facts' as const, items: [{ label: 'Content type', value: { text: message.contentType, code: true } }] }] : []),
        ...(message.payload ? schemaBlocks(message.payload, 'Payload') : []),
        ...(message.headers ? schemaBlocks(message.headers, 'Headers') : []),
        ...exampleBlocks(message.examples),
      ]),
    });
  }
  return {
    type: 'section',
    title: `${channel.address ?? channel.id} (${plural(channel.operations.length, 'operation')})`,
    id: anchors.id(channel.anchor),
    blocks,
  };
}

/** The application sends (3.x `send`; 2.x `subscribe`, as others subscribe to what it publishes) or receives. */
function sends(action: string): boolean {
  return action === 'send' || action === 'subscribe';
}

function actionTone(action: string) {
  return sends(action) ? ('ok' as const) : ('info' as const);
}
