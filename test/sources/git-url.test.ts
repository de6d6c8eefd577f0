import { describe, expect, it } from 'vitest';
import { displayGitUrl, gitUrlCredentials, repoNameFromUrl } from '../../src/sources/git-url.ts';

describe('git URLs as people see them', () => {
  it('drops the user info of a URL, and keeps the rest as written', () => {
    expect(displayGitUrl('http://user:s3cr3t-token@127.0.0.1:8080/org/repo.git')).toBe('http://127.0.0.1:8080/org/repo.git');
    expect(displayGitUrl('https://x-access-token:ghs_abc@GitHub.com/Acme/Payments.git')).toBe('https://GitHub.com/Acme/Payments.git');
    expect(displayGitUrl('https://ghp_token@github.com/acme/payments.git')).toBe('https://github.com/acme/payments.git');
    expect(displayGitUrl('ssh://git@example.com:2222/org/repo.git')).toBe('ssh://example.com:2222/org/repo.git');
    expect(displayGitUrl('git@github.com:acme/payments.git')).toBe('github.com:acme/payments.git');
    expect(displayGitUrl('https://u:p%40ss@host/repo')).toBe('https://host/repo');
  });

  it('cuts the user info at its last "@" and even when an unescaped "/" in a password breaks the URL', () => {
    expect(displayGitUrl('https://user:p@ss@host/repo.git')).toBe('https://host/repo.git');
    expect(displayGitUrl('http://user:a/b:c@host/repo.git')).toBe('http://host/repo.git');
  });

  it('leaves URLs and paths without user info alone, "@" in a path included', () => {
    for (const url of ['https://github.com/acme/payments.git', 'https://host/org/repo@v2.git', '/srv/repos/web@store', '../repos/a@b/c', 'file:///srv/repos/payments']) {
      expect(displayGitUrl(url)).toBe(url);
    }
  });

  it('lists the user info and its parts, as written and decoded, to scrub from what git prints', () => {
    expect(gitUrlCredentials('https://user:p%40ss-word@host/repo')).toEqual(['user:p%40ss-word', 'user:p@ss-word', 'p%40ss-word', 'p@ss-word', 'user']);
    expect(gitUrlCredentials('https://host/repo')).toEqual([]);
  });

  it('names a repo from the URL without its user info', () => {
    expect(repoNameFromUrl('https://user:s3cr3t-token@example.com/org/payments.git')).toBe('payments');
    expect(repoNameFromUrl('https://s3cr3t-token@example.com')).toBe('example.com');
    expect(repoNameFromUrl('git@github.com:acme/web-store.git')).toBe('web-store');
  });
});
