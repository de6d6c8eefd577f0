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

  it('refuses a git source URL or ref that git would read as an option, naming the field', () => {
    expect(() => parsePlaybillOptions({ sources: [{ type: 'git', url: '--upload-pack=touch /tmp/canary' }] })).toThrowError(
      /\n {2}- sources\.0\.url: a git URL cannot begin with "-" \(git would read it as an option\)$/,
    );
    expect(() => parsePlaybillOptions({ sources: [{ type: 'git', url: 'https://example.com/org/repo.git', ref: '--output=/tmp/x' }] })).toThrowError(
      /\n {2}- sources\.0\.ref: a ref cannot begin with "-" \(git would read it as an option\)$/,
    );
    expect(() => parsePlaybillOptions({ sources: [{ type: 'git', url: 'ssh://-oProxyCommand=touch%20/tmp/canary/org/repo' }] })).toThrowError(/sources\.0\.url: a host cannot begin with "-"/);
  });

  it('refuses git transports that run a command, and accepts the ones that fetch', () => {
    for (const url of ['ext::sh -c touch% /tmp/canary', 'fd::3', 'hg::https://example.com/repo']) {
      expect(() => parsePlaybillOptions({ sources: [{ type: 'git', url }] }), url).toThrowError(/sources\.0\.url: transport helpers such as "ext::" are not allowed/);
    }
    expect(() => parsePlaybillOptions({ sources: [{ type: 'git', url: 'svn://example.com/repo' }] })).toThrowError(/sources\.0\.url: use an https, http, ssh, git, file URL/);
    expect(() => parsePlaybillOptions({ sources: [{ type: 'git', url: 'https://example.com/a\nb' }] })).toThrowError(/sources\.0\.url: .*control characters/);
    const urls = ['https://github.com/acme/payments.git', 'http://127.0.0.1:8080/org/repo.git', 'ssh://git@example.com/org/repo.git', 'git@github.com:acme/payments.git', 'git://example.com/repo.git', 'file:///srv/repos/payments', '/srv/repos/payments', '../repos/payments'];
    const refs = ['main', 'release/2.x', 'v1.2.3', 'refs/heads/main', '4f2d9c1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e'];
    const sources = urls.map((url, index) => ({ type: 'git' as const, url, ref: refs[index % refs.length] }));
    expect(parsePlaybillOptions({ sources }).sources).toEqual(sources);
  });

  it('maps strictness to the severity that fails a build', () => {
    expect(strictThreshold(false)).toBeNull();
    expect(strictThreshold(true)).toBe('error');
    expect(strictThreshold('warning')).toBe('warning');
  });
});
