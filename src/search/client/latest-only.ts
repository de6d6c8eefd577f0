/**
 * Runs one request at a time and, of those asked for meanwhile, only the latest next. pagefind
 * answers searches one after another, so searches for what the reader had typed a moment ago
 * would otherwise hold up the one for what they typed last.
 */
export function latestOnly<Request, Result>(
  run: (request: Request) => Promise<Result>,
  settled: (request: Request, outcome: { ok: true; result: Result } | { ok: false; error: unknown }) => void,
): (request: Request) => void {
  let busy = false;
  let waiting: { request: Request } | undefined;
  const start = (request: Request) => {
    busy = true;
    run(request)
      .then(
        (result) => settled(request, { ok: true, result }),
        (error: unknown) => settled(request, { ok: false, error }),
      )
      .finally(() => {
        busy = false;
        const next = waiting;
        waiting = undefined;
        if (next) start(next.request);
      });
  };
  return (request) => {
    if (busy) waiting = { request };
    else start(request);
  };
}
