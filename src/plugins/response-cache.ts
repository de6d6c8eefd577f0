import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** One response as stored on disk: only what clients need, never request headers (tokens). */
export const cachedResponseSchema = z.object({
  method: z.string(),
  /** The request URL with any secret scrubbed; for people inspecting the cache. */
  url: z.string(),
  status: z.number().int(),
  statusText: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /** When the service answered (ISO 8601); for recorded responses, when they were recorded. */
  fetchedAt: z.string(),
  /** When this entry was stored; its age for the TTL counts from here. */
  cachedAt: z.string().optional(),
});
export type CachedResponse = z.infer<typeof cachedResponseSchema>;

/**
 * Responses on disk, one file per request under `<cacheDir>/plugins/<plugin>/`, keyed by a hash
 * of method, URL and body, so a rebuild within the TTL (or any `--offline` build) refetches
 * nothing. Files are written atomically so an interrupted build leaves no half-written entry.
 */
export class ResponseCache {
  readonly dir: string;
  /** Requests on their way now, by plugin/key, so identical requests from several entities go out once. */
  readonly inFlight = new Map<string, Promise<CachedResponse>>();
  /** Each plugin's folder is created once per build, not once per response. */
  readonly #folders = new Map<string, Promise<unknown>>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** `credentials`: the request's Authorization header, so a changed token asks again; only its hash is kept. */
  static key(method: string, url: string, body = '', credentials = ''): string {
    return createHash('sha256').update(`${method.toUpperCase()} ${url}\n${body}\n${credentials}`).digest('hex').slice(0, 40);
  }

  async get(plugin: string, key: string): Promise<CachedResponse | undefined> {
    try {
      const parsed = cachedResponseSchema.safeParse(JSON.parse(await readFile(this.#file(plugin, key), 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async set(plugin: string, key: string, response: CachedResponse): Promise<void> {
    const file = this.#file(plugin, key);
    let folder = this.#folders.get(plugin);
    if (!folder) {
      this.#folders.set(plugin, (folder = mkdir(join(this.dir, plugin), { recursive: true })));
      folder.catch(() => this.#folders.delete(plugin));
    }
    await folder;
    // Unique per write: entities of one repo often make the same request at the same time.
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(response));
    await rename(temporary, file);
  }

  #file(plugin: string, key: string): string {
    return join(this.dir, plugin, `${key}.json`);
  }
}
