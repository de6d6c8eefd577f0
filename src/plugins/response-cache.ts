import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
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
  /** The URL that answered, scrubbed, when redirects led away from `url`; checked against a later request's allowed URLs. */
  redirectedTo: z.string().optional(),
  /** When the service answered (ISO 8601); for recorded responses, when they were recorded. */
  fetchedAt: z.string(),
  /** When this entry was stored; its age for the TTL counts from here. */
  cachedAt: z.string().optional(),
});
export type CachedResponse = z.infer<typeof cachedResponseSchema>;

/**
 * Responses on disk, one file per request under `<cacheDir>/plugins/<plugin>/`, keyed by a hash
 * of method, URL, body and credentials, so a rebuild within the TTL (or any `--offline` build)
 * refetches nothing. Files are written atomically so an interrupted build leaves no half-written
 * entry. One instance serves one build: it lists each plugin's folder once (a request never
 * asked before costs no file open), keeps what it read or stored in memory (the entities of one
 * repo asking the same thing read the file once), and writes behind the requests, two files at a
 * time, so that writing never delays a request or crowds out the reads; `flush` waits for the
 * writes.
 */
export class ResponseCache {
  readonly dir: string;
  /** Requests on their way now, by plugin/key, so identical requests from several entities go out once. */
  readonly inFlight = new Map<string, Promise<CachedResponse>>();
  readonly memoryBytes: number;
  /** Oldest dropped beyond `memoryBytes`. */
  readonly #memory = new Map<string, CachedResponse>();
  #memorySize = 0;
  /** Keys on disk at the start of the build, by plugin. */
  readonly #listed = new Map<string, Promise<Set<string>>>();
  /** Each plugin's folder is created once per build, not once per response. */
  readonly #folders = new Map<string, Promise<unknown>>();
  readonly #queue: (() => Promise<void>)[] = [];
  #writing = 0;
  #drained: (() => void)[] = [];
  readonly #unsaved = new Map<string, { count: number; reason: string }>();

  constructor(dir: string, options: { memoryBytes?: number } = {}) {
    this.dir = dir;
    this.memoryBytes = options.memoryBytes ?? 64 * 2 ** 20;
  }

  /** `credentials`: the request's Authorization header, so a changed token asks again; only its hash is kept. */
  static key(method: string, url: string, body = '', credentials = ''): string {
    return createHash('sha256').update(`${method.toUpperCase()} ${url}\n${body}\n${credentials}`).digest('hex').slice(0, 40);
  }

  /** The stored response, or undefined. Shared between callers: do not change it. */
  async get(plugin: string, key: string): Promise<CachedResponse | undefined> {
    const kept = this.#memory.get(`${plugin}/${key}`);
    if (kept) return kept;
    if (!(await this.#keysOnDisk(plugin)).has(key)) return undefined;
    try {
      const parsed = cachedResponseSchema.safeParse(JSON.parse(await readFile(this.#file(plugin, key), 'utf8')));
      if (!parsed.success) return undefined;
      this.#remember(`${plugin}/${key}`, parsed.data);
      return parsed.data;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores a response: at once for this build's `get`, on disk soon. Resolves when the file is
   * written; never rejects (a response that could not be written is counted for `flush`).
   */
  set(plugin: string, key: string, response: CachedResponse): Promise<void> {
    this.#remember(`${plugin}/${key}`, response);
    return new Promise((resolve) => {
      this.#queue.push(() => this.#write(plugin, key, response).then(resolve, (error: unknown) => {
        const unsaved = this.#unsaved.get(plugin) ?? { count: 0, reason: error instanceof Error ? error.message : String(error) };
        unsaved.count++;
        this.#unsaved.set(plugin, unsaved);
        resolve();
      }));
      this.#pump();
    });
  }

  /** Waits until every response stored so far is on disk; returns, by plugin, those that could not be written. */
  async flush(): Promise<Map<string, { count: number; reason: string }>> {
    if (this.#writing > 0 || this.#queue.length > 0) await new Promise<void>((resolve) => this.#drained.push(resolve));
    return new Map(this.#unsaved);
  }

  #pump(): void {
    while (this.#writing < 2 && this.#queue.length > 0) {
      this.#writing++;
      void this.#queue.shift()!().finally(() => {
        this.#writing--;
        this.#pump();
        if (this.#writing === 0 && this.#queue.length === 0) for (const resolve of this.#drained.splice(0)) resolve();
      });
    }
  }

  async #write(plugin: string, key: string, response: CachedResponse): Promise<void> {
    const file = this.#file(plugin, key);
    let folder = this.#folders.get(plugin);
    if (!folder) {
      this.#folders.set(plugin, (folder = mkdir(join(this.dir, plugin), { recursive: true })));
      folder.catch(() => this.#folders.delete(plugin));
    }
    await folder;
    // Unique per write: another build may store the same request at the same time.
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(response));
    await rename(temporary, file);
  }

  #keysOnDisk(plugin: string): Promise<Set<string>> {
    let listed = this.#listed.get(plugin);
    if (!listed) {
      listed = readdir(join(this.dir, plugin)).then(
        (names) => new Set(names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length))),
        () => new Set<string>(),
      );
      this.#listed.set(plugin, listed);
    }
    return listed;
  }

  #remember(id: string, response: CachedResponse): void {
    const previous = this.#memory.get(id);
    if (previous) {
      this.#memory.delete(id);
      this.#memorySize -= previous.body.length;
    }
    if (response.body.length > this.memoryBytes) return;
    this.#memory.set(id, response);
    this.#memorySize += response.body.length;
    for (const [oldest, entry] of this.#memory) {
      if (this.#memorySize <= this.memoryBytes) break;
      this.#memory.delete(oldest);
      this.#memorySize -= entry.body.length;
    }
  }

  #file(plugin: string, key: string): string {
    return join(this.dir, plugin, `${key}.json`);
  }
}
