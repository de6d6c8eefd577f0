import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../src/catalog/yaml-documents.ts';
import { yaml } from '../support/temp-repos.ts';

describe('parseYamlDocuments', () => {
  it('returns every document of a multi-document file with the line it starts on', () => {
    const parsed = parseYamlDocuments(yaml`
      kind: Component
      ---
      kind: API
      ---
    `);
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents.map((doc) => [doc.value, doc.line])).toEqual([
      [{ kind: 'Component' }, 1],
      [{ kind: 'API' }, 3],
    ]);
  });

  it('skips only the document with a syntax error and reports its line and column', () => {
    const parsed = parseYamlDocuments(yaml`
      name: first
      ---
      name: second
      spec:
        type: service
         owner: nobody
      ---
      name: third
    `);
    expect(parsed.documents.map((doc) => doc.value)).toEqual([{ name: 'first' }, { name: 'third' }]);
    expect(parsed.errors).toHaveLength(1);
    // The parser notices at the scalar that runs on into the over-indented line.
    expect(parsed.errors[0]).toMatchObject({ line: 5, column: 9 });
    expect(parsed.errors[0]!.message).toMatch(/^YAML syntax error/);
  });

  it('reports a duplicate key as a syntax error, as Backstage does', () => {
    const parsed = parseYamlDocuments('kind: Component\nkind: API\n');
    expect(parsed.documents).toEqual([]);
    expect(parsed.errors[0]).toMatchObject({ line: 2, message: expect.stringContaining('DUPLICATE_KEY') });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const parsed = parseYamlDocuments(bomb.join('\n'));
    expect(parsed.documents).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
  });

  it('locates nested fields, sequence items and keys', () => {
    const [doc] = parseYamlDocuments(yaml`
      metadata:
        name: svc
        labels:
          team.example.com/tier: gold
      spec:
        dependsOn:
          - component:a
          - resource:b
    `).documents;
    expect(doc!.positionOf(['metadata', 'name'])).toEqual({ line: 2, column: 9 });
    expect(doc!.positionOf(['spec', 'dependsOn', 1])).toEqual({ line: 8, column: 7 });
    expect(doc!.positionOf(['metadata', 'labels', 'team.example.com/tier'], 'key')).toEqual({ line: 4, column: 5 });
    // A missing field points at its nearest existing parent.
    expect(doc!.positionOf(['spec', 'owner'])).toEqual({ line: 6, column: 3 });
  });

  it('gives document lines and field positions past comments and block scalars', () => {
    const parsed = parseYamlDocuments(yaml`
      # a comment before the first document
      kind: API
      spec:
        definition: |
          openapi: 3.0.0
          paths: {}
      ---
      # between documents

      kind: Component
      metadata: { name: svc }
    `);
    expect(parsed.documents.map((doc) => [doc.line, doc.column])).toEqual([[2, 1], [10, 1]]);
    expect(parsed.documents[1]!.positionOf(['metadata', 'name'])).toEqual({ line: 11, column: 19 });
    expect(parsed.documents[0]!.positionOf(['spec', 'definition'])).toEqual({ line: 4, column: 15 });
  });
});

describe('where a literal block starts', () => {
  const descriptor = yaml`
    kind: API
    metadata: { name: orders }
    spec:
      definition: |

          openapi: 3.0.0
          paths: {}
      folded: >
        a b
      quoted: "openapi: 3.0.0"
    ---
    kind: API
    spec:
      definition: |-
        type Query { a: Int }
  `;

  it('gives the line after the header and the indentation of its first line with text, in every document of a file', () => {
    const { documents } = parseYamlDocuments(descriptor);
    // Line 1 of the text is the blank line after the header; its indentation is the first line with text's.
    expect(documents[0]!.literalBlockAt(['spec', 'definition'])).toEqual({ firstLine: 5, indent: 6 });
    expect(documents[1]!.literalBlockAt(['spec', 'definition'])).toEqual({ firstLine: 15, indent: 4 });
  });

  it('gives nothing for a folded or quoted value, or a field that is not there', () => {
    const [document] = parseYamlDocuments(descriptor).documents;
    for (const path of [['spec', 'folded'], ['spec', 'quoted'], ['spec', 'missing'], ['metadata']]) expect(document!.literalBlockAt(path)).toBeUndefined();
  });
});
