import { readFileSync } from 'node:fs';

/**
 * Secrets (API tokens) reach plugins only through environment variables, or a file an
 * environment variable names (`GITHUB_TOKEN_FILE=/run/secrets/gh`, the Docker/Kubernetes
 * convention). Every secret read is remembered by a Redactor, which scrubs it from problems,
 * log lines and cached responses, so a token never lands in the output.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Remembers a value to scrub. Very short values are refused: scrubbing them would mangle text. */
  add(secret: string): void {
    const trimmed = secret.trim();
    if (trimmed.length >= 4) this.#secrets.add(trimmed);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      if (result.includes(secret)) result = result.split(secret).join('[redacted]');
    }
    return result;
  }

  get size(): number {
    return this.#secrets.size;
  }
}

export interface SecretReader {
  /**
   * The secret in environment variable `name`, or in the file that `${name}_FILE` names;
   * undefined when neither is set.
   */
  (name: string): string | undefined;
}

export function createSecretReader(redactor: Redactor, env: NodeJS.ProcessEnv = process.env): SecretReader {
  return (name) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not an environment variable name; secrets are read from the environment only.`);
    let value = env[name];
    if (value === undefined && env[`${name}_FILE`]) {
      try {
        value = readFileSync(env[`${name}_FILE`]!, 'utf8').trim();
      } catch (error) {
        throw new Error(`${name}_FILE names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      }
    }
    if (value) redactor.add(value);
    return value || undefined;
  };
}
