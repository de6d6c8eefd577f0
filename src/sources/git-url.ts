import { basename } from 'node:path';
import { z } from 'zod';

/**
 * What a git source's address may be, and how it is shown to people. The URL and ref come from
 * the configuration but end up on git's command line, and the URL may carry a token.
 */

/** Transports git may use for a source; anything else (`ext::`, `fd::`, other remote helpers) can run a command. */
export const allowedGitProtocols = ['https', 'http', 'ssh', 'git', 'file'] as const;

const urlScheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const transportHelper = /^[A-Za-z][A-Za-z0-9+.-]*::/;
const controlCharacter = /[\u0000-\u001f\u007f]/;
const sshSchemes = new Set(['git+ssh', 'ssh+git']);

/** Anything `git fetch` accepts that cannot run a command: an https, http, ssh, git or file URL, `host:path`, or a path. */
export const gitUrlSchema = z
  .string()
  .min(1)
  .refine((url) => !url.startsWith('-'), 'a git URL cannot begin with "-" (git would read it as an option)')
  .refine((url) => !controlCharacter.test(url), 'a git URL cannot contain control characters or line breaks')
  .refine((url) => !transportHelper.test(url), 'transport helpers such as "ext::" are not allowed: they run a command')
  .refine((url) => {
    const scheme = urlScheme.exec(url)?.[1]?.toLowerCase();
    return scheme === undefined || (allowedGitProtocols as readonly string[]).includes(scheme) || sshSchemes.has(scheme);
  }, `use an ${allowedGitProtocols.join(', ')} URL, host:path or a path`)
  .refine((url) => !gitUrlHost(url).startsWith('-'), 'a host cannot begin with "-" (ssh would read it as an option)');

/** A branch, tag or commit id, as git's check-ref-format allows, and never something git would read as an option. */
export const gitRefSchema = z
  .string()
  .min(1)
  .refine((ref) => !ref.startsWith('-'), 'a ref cannot begin with "-" (git would read it as an option)')
  .refine(
    (ref) => !/[\s\u0000-\u001f\u007f~^:?*[\\]|\.\.|@\{|^[+/.]|[/.]$|\.lock$|\/\//.test(ref),
    'a ref is a branch, tag or commit id: no spaces or ~ ^ : ? * [ \\, no "..", not starting with "+", "/" or "."',
  );

/** The host part of a git URL or `host:path` address (without user info); empty for a local path. */
function gitUrlHost(url: string): string {
  const scheme = urlScheme.exec(url);
  if (scheme) return withoutUserinfo(url.slice(scheme[0].length).split(/[/?#]/, 1)[0]!);
  const scpLike = /^([^/:]+):/.exec(url);
  return scpLike ? withoutUserinfo(scpLike[1]!) : '';
}

function withoutUserinfo(authority: string): string {
  return authority.slice(authority.lastIndexOf('@') + 1);
}

/**
 * A git URL as people may see it: without the user info (`user:token@`), in every message, log
 * line, folder name and page. Text that cannot be split safely loses everything up to its last "@".
 */
export function displayGitUrl(url: string): string {
  const scheme = urlScheme.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const authorityEnd = rest.search(/[/?#\\]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    if (authority.includes('@')) return scheme[0] + rest.slice(authority.lastIndexOf('@') + 1);
    // A password holding an unescaped "/" ends the authority early; WHATWG URL and git then disagree, so cut it all.
    if (!URL.canParse(url) && rest.includes('@')) return scheme[0] + rest.slice(rest.lastIndexOf('@') + 1);
    return url;
  }
  const scpLike = /^([^/:]+):/.exec(url);
  if (scpLike?.[1]!.includes('@')) return url.slice(scpLike[1]!.lastIndexOf('@') + 1);
  return url;
}

/** The parts of a git URL's user info (as written and decoded), to scrub from text git prints. */
export function gitUrlCredentials(url: string): string[] {
  const shown = displayGitUrl(url);
  if (shown === url) return [];
  const scheme = urlScheme.exec(url)?.[0] ?? '';
  const userinfo = url.slice(scheme.length, url.length - shown.length + scheme.length).replace(/@$/, '');
  const parts = [userinfo, ...userinfo.split(':')].filter((part) => part.length >= 4);
  const decoded = parts.map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  // Longest first, so a whole "user:token" is replaced before its parts.
  return [...new Set([...parts, ...decoded])].sort((a, b) => b.length - a.length);
}

/** Repo name from a git URL or path: `https://host/org/payments.git` → `payments`. Never from the user info. */
export function repoNameFromUrl(url: string): string {
  const last = basename(displayGitUrl(url).replace(/[/\\]+$/, '')).replace(/\.git$/, '');
  return last.replace(/[^A-Za-z0-9._-]/g, '-') || 'repo';
}
