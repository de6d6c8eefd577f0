import { describe, expect, it } from 'vitest';
import { parsePlaybillOptions, strictThreshold } from '../../src/config/options.ts';

describe('playbill() options', () => {
  it('defaults to the bundled example organisation', () => {
    const options = parsePlaybillOptions({});
    expect(options.sources).toEqual([{ type: 'directory', path: 'content/example-org' }]);
    expect(options.strict).toBe(false);
  });

  it('lists every bad option in one readable message', () => {
    expect(() => parsePlaybillOptions({ sources: [{ type: 'svn', url: 'x' }], base: 'portal', strictt: true })).toThrowError(
      /Invalid playbill\(\) options in astro\.config\.mjs:\n {2}- sources\.0\.type: .*\n {2}- base: a base path starts with "\/"\n {2}- \(options\): .*strictt/,
    );
  });

  it('maps strictness to the severity that fails a build', () => {
    expect(strictThreshold(false)).toBeNull();
    expect(strictThreshold(true)).toBe('error');
    expect(strictThreshold('warning')).toBe('warning');
  });
});
