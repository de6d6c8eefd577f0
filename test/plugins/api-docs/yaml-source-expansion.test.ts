import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../integrations/plugins/api-docs/definition-error.ts';
import { parseYamlSource } from '../../../integrations/plugins/api-docs/yaml-source.ts';
import { longStringAliased } from '../../support/expansion-bombs.ts';

describe('parseYamlSource and definitions that expand through aliases', () => {
  it('refuses a definition that expands beyond the catalog’s YAML limit, as a located definition error', () => {
    const text = `openapi: 3.0.3\ninfo:\n  title: Bomb\n  version: '1'\nx-bomb:\n${longStringAliased(99, 30_000, '  ')}\npaths: {}\n`;
    let thrown: unknown;
    try {
      parseYamlSource(text, 'The OpenAPI definition');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DefinitionError);
    expect(thrown).toMatchObject({
      position: { line: 1 },
      message: expect.stringMatching(/^The OpenAPI definition was not read: with its aliases written out it expands to more than [\d,]+ values or 2,000,000 characters, the most a YAML file of [\d,]+ characters may expand to\.$/),
    });
  });

  it('still reads a definition that aliases a schema a few times', () => {
    const source = parseYamlSource('openapi: 3.0.3\ncomponents:\n  schemas:\n    Id: &id { type: string }\n    Other: *id\npaths: {}\n', 'The OpenAPI definition');
    expect(source.value).toMatchObject({ components: { schemas: { Other: { type: 'string' } } } });
  });
});
