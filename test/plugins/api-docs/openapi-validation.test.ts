import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DefinitionError } from '../../../integrations/plugins/api-docs/definition-error.ts';
import { mapOpenApi } from '../../../integrations/plugins/api-docs/map-openapi.ts';
import { memoryRepo } from './fixtures.ts';

// The Ajv that swagger-parser itself loads (its draft-04 and 2020-12 classes both extend this core).
const fromParser = createRequire(createRequire(import.meta.url).resolve('@apidevtools/swagger-parser'));
const { default: AjvCore } = fromParser('ajv/dist/core') as { default: { prototype: { compile: (schema: object) => unknown } } };

const versions = ['2.0', '3.0.3', '3.1.0'] as const;

function definition(version: (typeof versions)[number], n: number, valid: boolean): string {
  const title = `Orders ${n}`;
  if (version === '2.0') {
    const parameter = valid ? '{ name: id, in: path, required: true, type: string }' : '{ name: id, in: path, type: string }';
    return `swagger: '2.0'\ninfo: { title: ${title}, version: '1' }\npaths:\n  /orders/{id}:\n    get:\n      parameters: [${parameter}]\n      responses: { '200': { description: OK } }\n`;
  }
  const response = valid ? "'200': { description: OK }" : "'200': { descripton: OK }";
  return `openapi: ${version}\ninfo: { title: ${title}, version: '1' }\npaths:\n  /orders:\n    get:\n      responses: { ${response} }\n`;
}

describe('validating many OpenAPI definitions', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('compiles each OpenAPI schema once, and still tells valid definitions from invalid ones', async () => {
    const compile = vi.spyOn(AjvCore.prototype, 'compile');
    const outcomes: string[] = [];
    for (let n = 0; n < 200; n++) {
      const version = versions[n % versions.length]!;
      const valid = n % 5 !== 0;
      await mapOpenApi(definition(version, n, valid), memoryRepo('openapi.yaml')).then(
        (reference) => outcomes.push(`${version} ${reference.title}`),
        (error: unknown) => outcomes.push(`${version} ${error instanceof DefinitionError ? `line ${error.position?.line}` : String(error)}`),
      );
    }
    // swagger-parser's validate() compiled its schema on every call: 200 times here.
    expect(compile.mock.calls.length).toBeLessThanOrEqual(versions.length);
    expect(outcomes[0]).toBe('2.0 line 6');
    expect(outcomes[1]).toBe('3.0.3 Orders 1');
    expect(outcomes[5]).toBe('3.1.0 line 6');
    expect(outcomes[10]).toBe('3.0.3 line 6');
    expect(outcomes[198]).toBe('2.0 Orders 198');
    expect(outcomes.filter((outcome) => outcome.includes('line'))).toHaveLength(40);
  });
});
