import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A recorded-fetch transport: answers requests from recorded API responses on disk instead of
 * the network. The bundled example organisation uses it so `npm start` shows every plugin panel
 * without a network, through exactly the client code (Octokit, the Kubernetes client) that a
 * live build uses. Pages built from it say the data is sample data.
 *
 * A recordings folder holds `*.json` files of this shape (one per service, by convention).
 */
export const recordingFileSchema = z.object({
  /** When the responses were recorded (ISO 8601); panels show it as their "as of" time. */
  recordedAt: z.string(),
  recordings: z.array(
    z.object({
      request: z.object({ method: z.string().default('GET'), url: z.string() }),
      response: z.object({
        status: z.number().int().default(200),
        headers: z.record(z.string(), z.string()).default({}),
        /** JSON bodies are stored as JSON; a string is sent as it is. */
        body: z.unknown(),
      }),
    }),
  ),
});

/** Header through which the transport tells the fetch client when a response was recorded. */
export const recordedAtHeader = 'x-playbill-recorded-at';

export async function createRecordedTransport(dir: string): Promise<typeof fetch> {
  const byRequest = new Map<string, { status: number; headers: Record<string, string>; body: unknown; recordedAt: string }>();
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  for (const name of files) {
    const parsed = recordingFileSchema.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')));
    if (!parsed.success) throw new Error(`Recordings file ${name} is not valid: ${parsed.error.issues[0]?.message}`);
    for (const { request, response } of parsed.data.recordings) {
      byRequest.set(requestKey(request.method, request.url), { ...response, recordedAt: parsed.data.recordedAt });
    }
  }
  return async (input, init) => {
    const request = new Request(input, init);
    const recorded = byRequest.get(requestKey(request.method, request.url));
    // Retrying cannot help: the recordings will not change during the build.
    if (!recorded) throw Object.assign(new Error(`no recorded response for ${request.method} ${request.url}`), { retryable: false });
    const body = typeof recorded.body === 'string' ? recorded.body : recorded.body === undefined ? null : JSON.stringify(recorded.body);
    const headers = new Headers(recorded.headers);
    if (typeof recorded.body !== 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
    headers.set(recordedAtHeader, recorded.recordedAt);
    return new Response(recorded.status === 204 || recorded.status === 304 ? null : body, { status: recorded.status, headers });
  };
}

/** Method plus URL with query parameters sorted, so parameter order in a client does not matter. */
function requestKey(method: string, url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.sort();
  return `${method.toUpperCase()} ${parsed.href}`;
}
