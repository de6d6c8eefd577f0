/** A position inside a definition's text, 1-based. */
export interface TextPosition {
  line: number;
  column?: number;
  /** Set when the position is in another file the definition refers to (repo-relative). */
  file?: string;
}

/**
 * Why a definition cannot be rendered, and where in its text: a syntax error, a schema
 * validation failure, a `$ref` that cannot be followed. The plugin turns it into a problem
 * that says whether that text is inline in the descriptor or a `$text` file.
 */
export class DefinitionError extends Error {
  readonly position: TextPosition | undefined;

  constructor(message: string, position?: TextPosition) {
    super(message);
    this.name = 'DefinitionError';
    this.position = position;
  }
}
