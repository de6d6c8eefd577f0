/** A place in the entity's repo: a repo-relative file, 1-based line and column (0 when unknown). */
export interface RepoPosition {
  file: string;
  line: number;
  column: number;
}

/**
 * A plugin's failure that belongs somewhere other than the entity's line in its descriptor, e.g.
 * in the file an API definition was read from (`$text`). Thrown from `fetch`, it becomes the
 * entity's problem located there; any other error is located at the entity.
 */
export class LocatedPluginError extends Error {
  readonly at: RepoPosition;

  constructor(message: string, at: RepoPosition) {
    super(message);
    this.name = 'LocatedPluginError';
    this.at = at;
  }
}
