/**
 * A time limit for a plugin call. Its timer is a normal (referenced) one: a plugin promise that
 * never settles, with no timer or socket of its own pending, would otherwise let the event loop
 * empty, and a worker whose loop empties during a top-level await exits (code 13) mid-build.
 * `AbortSignal.timeout` cannot do this: its timer is unreferenced by design.
 */
export class Deadline {
  readonly ms: number;
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.ms = ms;
    this.#timer = setTimeout(() => this.#controller.abort(new DeadlineError(ms)), ms);
  }

  /** Aborted when the time is up; given to the plugin (`context.signal`) and to its requests. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get expired(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Settles with `work`, or rejects with a DeadlineError when the time is up first. */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    if (signal.aborted) return Promise.reject(signal.reason as DeadlineError);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason as DeadlineError);
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
        (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
      );
    });
  }

  /** Ends the timer once the call is done, so a finished stage keeps nothing alive. */
  clear(): void {
    clearTimeout(this.#timer);
  }
}

/** A call that did not settle within its limit. */
export class DeadlineError extends Error {
  readonly ms: number;

  constructor(ms: number) {
    super(`did not answer within ${ms} ms`);
    this.name = 'DeadlineError';
    this.ms = ms;
  }
}

/** Runs `call` under a fresh deadline of `ms`, clearing it however the call ends. */
export async function withDeadline<T>(ms: number, call: (deadline: Deadline) => Promise<T>): Promise<T> {
  const deadline = new Deadline(ms);
  try {
    return await deadline.race(Promise.resolve().then(() => call(deadline)));
  } finally {
    deadline.clear();
  }
}
