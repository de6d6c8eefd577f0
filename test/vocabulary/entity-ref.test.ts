import * as backstage from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import { entityRefOf, formatEntityRef, parseEntityRef, shortRef } from '../../src/vocabulary/entity-ref.ts';

/** What Backstage's own functions say, or the message they throw. */
function backstageParse(ref: string, context?: { defaultKind?: string; defaultNamespace?: string }) {
  try {
    return backstage.parseEntityRef(ref, context);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function ourParse(ref: string, context?: { defaultKind?: string; defaultNamespace?: string }) {
  try {
    return parseEntityRef(ref, context);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const written = [
  'component:default/ticketing',
  'Component:Default/TicketService',
  'api:payments/invoices-v2',
  'ticketing',
  'ops/sre',
  'user:ada',
  'group:ops/sre:oncall',
  'a/b:c',
  'resource:ns/with/slashes',
  ':name',
  'kind:/name',
  'kind:ns/',
  'kind:',
  '/name',
  '',
  'İstanbul:Ünïcode/Ñame',
];
const contexts = [undefined, { defaultKind: 'Group' }, { defaultKind: 'API', defaultNamespace: 'payments' }, { defaultNamespace: '' }];

describe('entity refs', () => {
  it.each(written)('parses %j exactly as Backstage does, under every default', (ref) => {
    for (const context of contexts) expect(ourParse(ref, context)).toEqual(backstageParse(ref, context));
  });

  it('formats every parsed ref exactly as Backstage stringifies it (kind, namespace and name lower-cased)', () => {
    for (const ref of written) {
      for (const context of contexts) {
        const parsed = backstageParse(ref, context);
        if ('error' in parsed) continue;
        expect(formatEntityRef(parsed)).toBe(backstage.stringifyEntityRef(parsed));
      }
    }
    expect(formatEntityRef({ kind: 'Component', name: 'TicketService' })).toBe('component:default/ticketservice');
  });

  it("derives an entity's ref as Backstage does, with the default namespace when it names none", () => {
    const entities = [
      { kind: 'Component', metadata: { name: 'TicketService', namespace: 'Sales' } },
      { kind: 'API', metadata: { name: 'invoices' } },
    ];
    for (const entity of entities) expect(entityRefOf(entity)).toBe(backstage.stringifyEntityRef({ apiVersion: 'backstage.io/v1alpha1', ...entity }));
  });

  it('shortens a ref as descriptors write it: no default namespace, no implied kind', () => {
    expect(shortRef('group:default/payments-team', 'group')).toBe('payments-team');
    expect(shortRef('group:default/payments-team', 'Group')).toBe('payments-team');
    expect(shortRef('user:default/ada', 'group')).toBe('user:ada');
    expect(shortRef('group:ops/sre', 'group')).toBe('ops/sre');
    expect(shortRef('system:default/billing', 'system')).toBe('billing');
    expect(shortRef('not a ref', 'group')).toBe('not a ref');
  });
});
