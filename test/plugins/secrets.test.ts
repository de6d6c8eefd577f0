import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPluginStage } from '../../src/plugins/index.ts';
import { addEnvironmentSecrets, createSecretReader, redactEnvironmentSecrets, Redactor } from '../../src/plugins/secrets.ts';

const token = 'ghp_PlaybillFake0123456789abcdefABCDEF';
/** A token with characters every encoding treats differently. */
const awkward = 'k8s+tok/en=with "quotes"\\and:colon~';

function redactorOf(...secrets: string[]): Redactor {
  const redactor = new Redactor();
  for (const secret of secrets) redactor.add(secret);
  return redactor;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const everyBytePercent = (text: string) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');

describe('the redactor', () => {
  it('scrubs a secret as it is', () => {
    expect(redactorOf(token).redact(`GET failed: Bearer ${token} was refused (${token})`)).not.toContain(token);
  });

  it.each([
    ['base64', base64(token)],
    ['base64 without padding', base64(token).replace(/=+$/, '')],
    ['URL-safe base64', base64url(token)],
    ['base64 of x:token', base64(`x:${token}`)],
    ['base64 of token:', base64(`${token}:`)],
    ['base64 of user:token', base64(`octocat:${token}`)],
    ['URL-safe base64 of a long user:token', base64url(`someone.with.a.long.name@example.com:${token}`)],
    ['base64 glued to other base64 characters', `abc${base64(`deploy-bot:${token}`)}`],
    ['base64 of a JSON document holding it', base64(JSON.stringify({ auths: { 'ghcr.io': { password: token } } }))],
  ])('scrubs the %s form', (_, form) => {
    const redacted = redactorOf(token).redact(`echoed: {"header":"${form}"} end`);
    expect(redacted).not.toContain(form.replace(/=+$/, ''));
    expect(redacted).toContain('[redacted]');
    expect(redacted.startsWith('echoed: {"header":"')).toBe(true);
    expect(redacted.endsWith('"} end')).toBe(true);
  });

  it.each([
    ['encodeURIComponent', encodeURIComponent(awkward)],
    ['encodeURIComponent with lowercase hex', encodeURIComponent(awkward).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
    ['every byte percent-encoded', everyBytePercent(awkward)],
    ['every byte percent-encoded, lowercase', everyBytePercent(awkward).toLowerCase()],
    ['a form field', new URLSearchParams({ t: awkward }).toString().slice(2)],
    ['encodeURIComponent with some letters encoded too', encodeURIComponent(awkward).replace(/[aeiou]/g, (letter) => `%${letter.charCodeAt(0).toString(16)}`)],
    ['JSON-escaped', JSON.stringify(awkward).slice(1, -1)],
    ['JSON-escaped with escaped slashes', JSON.stringify(awkward).slice(1, -1).replaceAll('/', '\\/')],
    ['base64', base64(awkward)],
    ['URL-safe base64 of user:token', base64url(`user:${awkward}`)],
  ])('scrubs a secret with awkward characters in its %s form', (_, form) => {
    const redacted = redactorOf(awkward).redact(`https://echo.example/?t=${form}&page=2 and more`);
    expect(redacted).not.toContain(form);
    expect(redacted).toContain('[redacted]');
    expect(redacted.endsWith(' and more')).toBe(true);
  });

  it('scrubs a secret that is not ASCII in base64 and percent-encoded forms', () => {
    const secret = 'pässwörd-0123456789-€';
    const redactor = redactorOf(secret);
    for (const form of [base64(`user:${secret}`), base64url(`${secret}:`), encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())]) {
      expect(redactor.redact(`got ${form} back`)).toBe('got [redacted] back');
    }
  });

  it('scrubs what follows Authorization:, Bearer, Basic and token, even for secrets it was never told', () => {
    const redactor = new Redactor();
    const text = [
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz',
      '{"authorization":"Basic dXNlcjpzM2NyZXRwYXNzd29yZA=="}',
      'proxy-authorization=token ghs_0123456789abcdefghij',
      'sent with bearer abcdefghij0123456789 to the API',
      'curl -H "Authorization: token 0123456789abcdef0123456789abcdef01234567"',
    ].join('\n');
    const redacted = redactor.redact(text);
    for (const secret of ['eyJhbGciOiJIUzI1NiJ9', 'dXNlcjpzM2NyZXRwYXNzd29yZA', 'ghs_0123456789abcdefghij', 'abcdefghij0123456789', '0123456789abcdef0123456789abcdef01234567']) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain('Authorization: Bearer [redacted]');
    expect(redacted).toContain('{"authorization":"Basic [redacted]"}');
    expect(redacted).toContain('sent with bearer [redacted] to the API');
  });

  it('leaves prose about tokens alone', () => {
    const text = 'The token expired; ask for a new token before the bearer of the Basic plan retries. Send Authorization: Bearer <token>.';
    expect(new Redactor().redact(text)).toBe(text);
  });

  it('scrubs the credentials of any URL in the text, user and password or a lone token', () => {
    const redactor = new Redactor();
    const text = 'cloning https://x-access-token:s3cr3t@github.com/org/repo.git, then git+ssh://ghp_abc123@example.com:22/r and http://us%40er:p@ss@host/ and mailto:team@example.com';
    const redacted = redactor.redact(text);
    expect(redacted).toBe(
      'cloning https://[redacted]@github.com/org/repo.git, then git+ssh://[redacted]@example.com:22/r and http://[redacted]@host/ and mailto:team@example.com',
    );
  });

  it('leaves text without secrets as it is, base64 and percent-encoded text included', () => {
    const redactor = redactorOf(token);
    const text = `{"content":"${base64('hello world, nothing to hide here')}","next":"https://api.example/items?page=2&q=a%20b"}`;
    expect(redactor.redact(text)).toBe(text);
  });

  it('scrubs JSON values deeply, keys included, and keeps the structure', () => {
    const redactor = redactorOf(token);
    const value = { title: `x ${token}`, rows: [[{ text: base64(`u:${token}`) }], 3, null, true], [token]: 'key' };
    const redacted = redactor.redactDeep(value);
    expect(JSON.stringify(redacted)).not.toContain(token);
    expect(redacted).toEqual({ title: 'x [redacted]', rows: [[{ text: '[redacted]' }], 3, null, true], '[redacted]': 'key' });
  });

  it('registers the credentials of the environment by their names, not other variables', () => {
    const redactor = new Redactor();
    addEnvironmentSecrets(redactor, { GITHUB_TOKEN: 'ghp_fromEnvironment123', AWS_SECRET_ACCESS_KEY: 'awsSecretValue99', HOME: '/home/build', GITHUB_TOKEN_FILE: '/run/secrets/gh' });
    expect(redactor.redact('ghp_fromEnvironment123 awsSecretValue99 /home/build /run/secrets/gh')).toBe('[redacted] [redacted] /home/build /run/secrets/gh');
  });

  it('registers a secret read from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'playbill-secret-'));
    try {
      await writeFile(join(dir, 'token'), `${token}\n`);
      const redactor = new Redactor();
      const secret = createSecretReader(redactor, { SVC_KEY_FILE: join(dir, 'token') });
      expect(secret('SVC_KEY')).toBe(token);
      expect(redactor.redact(base64(`a:${token}`))).toBe('[redacted]');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the build\'s problems, whatever stage made them', () => {
  it('lose every credential of the environment, plain and encoded, even in a build without plugins', () => {
    const token = 'ghp_4Vx9TqL2mN8rK3sW7yZ1';
    const problems = [
      { code: 'source-failed', message: `could not fetch: server said Authorization: token ${token}` },
      { code: 'docs-render', message: `include of ${Buffer.from(`x-access-token:${token}`).toString('base64')} failed` },
      { code: 'invalid-entity', message: 'metadata.name is not valid' },
    ];
    const scrubbed = redactEnvironmentSecrets(problems, { GITHUB_TOKEN: token, HOME: '/root' });
    expect(JSON.stringify(scrubbed)).not.toContain(token);
    expect(JSON.stringify(scrubbed)).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
    expect(scrubbed[2]).toEqual(problems[2]);
    expect(scrubbed.map((problem) => problem.code)).toEqual(['source-failed', 'docs-render', 'invalid-entity']);
  });

  it('are scrubbed by the plugin stage even when no plugin is configured', async () => {
    const token = 'ghp_4Vx9TqL2mN8rK3sW7yZ1';
    const problem = { severity: 'error' as const, repo: 'r', file: '', line: 0, column: 0, code: 'source-failed' as const, message: `fetch failed: Authorization: token ${token}` };
    const site = { entities: [], views: [], problems: [problem], repos: [], pluginPages: [], pluginFiles: [] };
    const options = { plugins: [] } as unknown as Parameters<typeof runPluginStage>[1];
    const scrubbed = await runPluginStage(site, options, { root: '/nowhere', env: { GITHUB_TOKEN: token } });
    expect(scrubbed.problems).toHaveLength(1);
    expect(scrubbed.problems[0]!.message).not.toContain(token);
  });
});
