/**
 * What one entity's unfinished requests were doing, so that when its time runs out the problem
 * names the last real outcome ("GET … answered 503 Service Unavailable (after 3 attempts)")
 * rather than only the deadline, and says where the time went when there was none.
 */
export class RequestTrail {
  #next = 0;
  readonly #open = new Map<number, OpenRequest>();

  /** A request starts: `request` is its method and (redacted) URL. Returns its id. */
  open(request: string): number {
    const id = this.#next++;
    this.#open.set(id, { request, state: 'waiting for a request slot', attempts: 0, order: id });
    return id;
  }

  /** The request waits for a slot (again), or is on the wire. */
  waiting(id: number, state: RequestState): void {
    const open = this.#open.get(id);
    if (open) open.state = state;
  }

  /** An attempt ended with an answer that is not the last word (it is retried), or with an error. */
  attempted(id: number, outcome: string): void {
    const open = this.#open.get(id);
    if (!open) return;
    open.attempts++;
    open.outcome = outcome;
    open.order = this.#next++;
  }

  /** The request is done: its outcome went to the plugin. */
  close(id: number): void {
    this.#open.delete(id);
  }

  /**
   * Why the entity's `ms` ran out: the most recent real outcome of a request still unfinished,
   * or what the oldest unfinished request was waiting for, or that the plugin itself never answered.
   */
  explain(ms: number): string {
    const open = [...this.#open.values()];
    const answered = open.filter((request) => request.outcome !== undefined).sort((a, b) => b.order - a.order)[0];
    if (answered) {
      const attempts = `after ${answered.attempts} attempt${answered.attempts === 1 ? '' : 's'}`;
      return `${answered.request} ${answered.outcome} (${attempts}; the time limit of ${ms} ms ran out while it was ${answered.state})`;
    }
    const oldest = open.sort((a, b) => a.order - b.order)[0];
    if (oldest) return `did not answer within ${ms} ms: ${oldest.request} was still ${oldest.state}`;
    return `did not answer within ${ms} ms`;
  }
}

export type RequestState = 'waiting for a request slot' | 'waiting for an answer' | 'waiting out a rate limit' | 'waiting to retry';

interface OpenRequest {
  request: string;
  state: RequestState;
  attempts: number;
  /** `answered 503 Service Unavailable`, `failed: timed out after 10000 ms`. */
  outcome?: string;
  /** For "most recent": the order of the last event. */
  order: number;
}
