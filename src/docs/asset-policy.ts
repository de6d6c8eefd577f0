import { realpath } from 'node:fs/promises';
import { posix, relative, resolve } from 'node:path';
import type { Repo } from '../sources/repo.ts';
import { readRepoFile, realRepoDir } from '../sources/repo-files.ts';

/** Static files a docs folder may publish: nothing a browser would run in the portal's origin. */
const publishableAsset = /\.(png|jpe?g|gif|webp|avif|bmp|ico|svg|pdf|txt|csv|json|ya?ml|zip|gz|tgz|tar|mp4|webm|mp3|ogg|wav|woff2?|ttf|otf)$/i;
// References inside the SVG (#id) and embedded raster images are fine; anything else can load or run code.
const activeSvg = /<script|<foreignObject|\son[a-z]+\s*=|javascript:|<iframe|<embed|<object|(?:xlink:href|<use[^>]+href)\s*=(?!\s*["']?(?:#|data:image\/(?:png|jpe?g|gif|webp)[;,]))/i;

/**
 * Why a file of a docs folder is not published, or null when it is; false for files that are
 * simply not assets (`.pages`, sources of includes). HTML and scripts would run with the
 * portal's origin when opened, and so would an SVG with scripts or external references.
 */
export async function assetRefusal(repo: Repo, file: string, maxBytes: number): Promise<string | null | false> {
  const name = posix.basename(file);
  if (name.startsWith('.')) return false;
  if (/\.(html?|xhtml|js|mjs|css|php)$/i.test(name)) return `${name} is ${name.split('.').pop()!.toUpperCase()}, which could run in the portal's origin; link to it in the repo instead`;
  if (!publishableAsset.test(name)) return false;
  // A symlink must not smuggle a file from outside the repo into the published site.
  try {
    const inside = relative(await realRepoDir(repo), await realpath(resolve(repo.dir, file)));
    if (inside.startsWith('..') || inside.startsWith('/')) return `${name} is a symlink to a file outside the repo`;
  } catch {
    return `${name} could not be read`;
  }
  if (!/\.svg$/i.test(name)) return null;
  const read = await readRepoFile(repo, file, maxBytes);
  if ('error' in read) return read.error.message;
  return activeSvg.test(read.text) ? `${name} contains scripts, event handlers or external references, which would run in the portal's origin` : null;
}

