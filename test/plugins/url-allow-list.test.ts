import { describe, expect, it } from 'vitest';
import { urlIsUnder } from '../../src/plugins/url-allow-list.ts';

describe('urlIsUnder', () => {
  it.each([
    ['the allowed URL itself', 'https://ci.example.com/artifacts', 'https://ci.example.com/artifacts'],
    ['a path below it', 'https://ci.example.com/artifacts/web/lcov.info', 'https://ci.example.com/artifacts/'],
    ['a path below a prefix written without its trailing slash', 'https://ci.example.com/artifacts/web/lcov.info', 'https://ci.example.com/artifacts'],
    ['anything on an origin allowed as a whole', 'http://127.0.0.1:1808/any/thing?x=1', 'http://127.0.0.1:1808'],
    ['the host in another case', 'https://CI.Example.COM/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['the default port written out', 'https://ci.example.com:443/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['dot segments that stay inside', 'https://ci.example.com/artifacts/a/../b', 'https://ci.example.com/artifacts/'],
    ['a query and a fragment', 'https://ci.example.com/artifacts/x?a=b#c', 'https://ci.example.com/artifacts/'],
  ])('allows %s', (_, url, allowed) => {
    expect(urlIsUnder(url, allowed)).toBe(true);
  });

  it.each([
    ['another port that starts with the allowed one', 'http://127.0.0.1:18082/metadata', 'http://127.0.0.1:1808'],
    ['another port on an origin with a path', 'http://127.0.0.1:18082/a/x', 'http://127.0.0.1:1808/a/'],
    ['a sibling path that starts with the allowed one', 'https://ci.example.com/artifacts-private/x', 'https://ci.example.com/artifacts'],
    ['a host that starts with the allowed one', 'https://ci.example.com.evil.test/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['the allowed host as userinfo of another', 'https://ci.example.com@evil.test/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['the allowed URL as userinfo of another', 'https://ci.example.com:443%2Fartifacts@evil.test/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['credentials on the allowed host', 'https://user:pass@ci.example.com/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['.. leaving the allowed path', 'https://ci.example.com/artifacts/../admin', 'https://ci.example.com/artifacts/'],
    ['percent-encoded dots leaving the allowed path', 'https://ci.example.com/artifacts/%2e%2E/admin', 'https://ci.example.com/artifacts/'],
    ['a percent-encoded slash', 'https://ci.example.com/artifacts%2F..%2Fadmin', 'https://ci.example.com/artifacts/'],
    ['a backslash', 'https://ci.example.com/artifacts\\..\\admin', 'https://ci.example.com/artifacts/'],
    ['another scheme', 'http://ci.example.com/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['a file URL', 'file:///etc/passwd', 'https://ci.example.com/'],
    ['another port on the same host', 'https://ci.example.com:8443/artifacts/x', 'https://ci.example.com/artifacts/'],
    ['the path in another case', 'https://ci.example.com/Artifacts/x', 'https://ci.example.com/artifacts/'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 'http://169.254.169.25'],
    ['an address written as a number', 'http://2130706433:1808/x', 'http://127.0.0.2:1808'],
    ['something that is not a URL', 'not a url', 'https://ci.example.com/'],
  ])('refuses %s', (_, url, allowed) => {
    expect(urlIsUnder(url, allowed)).toBe(false);
  });

  it('reads addresses as the network does: a number is the address it stands for', () => {
    expect(urlIsUnder('http://2130706433:1808/x', 'http://127.0.0.1:1808')).toBe(true);
  });

  it('refuses everything when the allowed URL is not one', () => {
    expect(urlIsUnder('https://ci.example.com/x', 'ci.example.com')).toBe(false);
  });
});
