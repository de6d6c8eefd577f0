import { readFileSync } from 'node:fs';
import { compareStrings } from '../vocabulary/compare-strings.ts';

/**
 * Secrets (API tokens) reach plugins only through environment variables, or a file an
 * environment variable names (`GITHUB_TOKEN_FILE=/run/secrets/gh`, the Docker/Kubernetes
 * convention). Every secret read is remembered by a Redactor, which scrubs it from problems,
 * panels, log lines and cached responses, so a token never lands in the output.
 *
 * A service that echoes its request (a debug endpoint, a proxy's error page) sends a token back
 * encoded: as a Basic credential (base64 of `user:token`), in a URL (percent-encoded), inside a
 * JSON string. So the Redactor scrubs, in one pass with one combined pattern, each secret's
 * literal forms (plain, percent-encoded as encodeURIComponent and form fields do in either hex
 * case, JSON-escaped); then credentials in context (after `Authorization:`, `Bearer`, `Basic`,
 * `token`) and the userinfo of any URL. Then each run of text that looks base64-encoded goes when
 * it holds one of the three alignments of a secret's base64, or when what it decodes to holds a
 * secret (base64 of `anyone:token` depends on the user's length, which no literal form knows);
 * and each run with percent-escapes goes when what it decodes to holds a secret.
 */
export class Redactor {
  readonly #secrets = new Set<string>();
  #matchers: Matchers | undefined;

  /** Remembers a value to scrub. Very short values are refused: scrubbing them would mangle text. */
  add(secret: string): void {
    const trimmed = secret.trim();
    if (trimmed.length < 4 || this.#secrets.has(trimmed)) return;
    this.#secrets.add(trimmed);
    this.#matchers = undefined;
  }

  redact(text: string): string {
    if (text.length === 0) return text;
    const matchers = (this.#matchers ??= buildMatchers([...this.#secrets]));
    // Known secrets first, so that a context match (`Bearer …`) never ends inside one and leaves its tail.
    let result = matchers.literal ? text.replace(matchers.literal, redacted) : text;
    // The cheap tests skip passes that cannot match: most strings in a panel are short and plain.
    result = result.replace(inContext, replaceInContext);
    if (result.includes('://')) result = result.replace(urlUserinfo, `://${redacted}@`);
    if (!matchers.encoded) return result;
    const { shortestRun, base64Run, base64Form, percentRun, holdsSecret, bytesHoldSecret } = matchers.encoded;
    if (result.length >= shortestRun) {
      result = result.replace(base64Run, (run) => (base64Form.test(run) || base64Decodings(run).some((bytes) => bytesHoldSecret.test(bytes)) ? redacted : run));
    }
    return result.includes('%') ? redactPercentRuns(result, percentRun, holdsSecret) : result;
  }

  /**
   * A copy of a JSON-like value (panels, catalog fields, pages, files) with every string in it,
   * object keys too, redacted. Parts with nothing to redact are kept as they are, not copied.
   */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const items = value.map((item: unknown) => this.redactDeep(item));
      return (items.some((item, index) => item !== value[index]) ? items : value) as T;
    }
    const { toJSON } = value as { toJSON?: unknown };
    const source: unknown = typeof toJSON === 'function' ? toJSON.call(value) : value;
    if (source === null || typeof source !== 'object') return this.redactDeep(source) as T;
    let changed = source !== value;
    const entries = Object.entries(source).map(([key, item]) => {
      const entry = [this.redact(key), this.redactDeep(item)] as const;
      if (entry[0] !== key || entry[1] !== item) changed = true;
      return entry;
    });
    return (changed ? Object.fromEntries(entries) : value) as T;
  }

  get size(): number {
    return this.#secrets.size;
  }
}

const redacted = '[redacted]';

/**
 * Environment variables whose names say they hold a credential (GITHUB_TOKEN, NPM_TOKEN,
 * AWS_SECRET_ACCESS_KEY, DB_PASSWORD), registered before any plugin runs: a plugin may put a
 * token into its output before the plugin that owns it has read it, or never read it at all.
 */
const credentialVariable = /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)$/i;

export function addEnvironmentSecrets(redactor: Redactor, env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) if (value && credentialVariable.test(name)) redactor.add(value);
}

/** Problems with every credential of the environment scrubbed from their messages, in every form the Redactor knows. */
export function redactEnvironmentSecrets<T extends { message: string }>(problems: readonly T[], env: NodeJS.ProcessEnv): T[] {
  const redactor = new Redactor();
  addEnvironmentSecrets(redactor, env);
  return redactor.size === 0 ? [...problems] : problems.map((problem) => ({ ...problem, message: redactor.redact(problem.message) }));
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

interface Matchers {
  /** The literal forms of every secret, in one pattern; none without secrets. */
  literal?: RegExp;
  /**
   * Only with secrets: runs that may encode one, the secrets' base64 forms, and the tests of what
   * runs decode to, as text (percent-escapes) and as bytes, one character each (base64).
   */
  encoded?: { shortestRun: number; base64Run: RegExp; base64Form: RegExp; percentRun: RegExp; holdsSecret: RegExp; bytesHoldSecret: RegExp };
}

/** The characters of an HTTP credential (RFC 9110's token68). */
const credentialChars = '[A-Za-z0-9._~+/-]+=*';
/** Authentication schemes: after `Authorization:` the scheme stays readable and the credential goes. */
const schemeWord = /^(?:bearer|basic|token|digest|negotiate)$/i;

/** Credentials in context; case-insensitive, as header names and schemes are. */
const inContext = new RegExp(
  [
    // `Authorization: Bearer x`, `"authorization":"Basic x"`, `authorization=x`: the value, whatever it looks like.
    `(?<header>\\b(?:proxy-)?authorization["']?\\s*[:=]\\s*["']?)(?<scheme>[a-z][a-z0-9-]*\\s+)?(?<headerCredential>${credentialChars})`,
    // `Bearer x`, `Basic x`, `token x` in prose: only what looks like a credential (long, with a digit), not "the token expired".
    `(?<prefix>\\b(?:bearer|basic|token)\\s+)(?=[a-z0-9._~+/-]*[0-9])[a-z0-9._~+/-]{12,}=*`,
  ].join('|'),
  'gi',
);

function replaceInContext(match: string, ...rest: unknown[]): string {
  const groups = rest.at(-1) as Record<string, string | undefined>;
  if (groups.header !== undefined) {
    // Without a credential after it, what was read as one is the scheme itself (`Authorization: Bearer <token>`).
    if (groups.scheme === undefined && schemeWord.test(groups.headerCredential!)) return match;
    return `${groups.header}${groups.scheme ?? ''}${redacted}`;
  }
  return `${groups.prefix}${redacted}`;
}

/**
 * The userinfo of a URL (`https://user:password@host`, `https://token@host`), up to its last `@`;
 * matched from its `://`, the scheme in a lookbehind, which is several times quicker than trying
 * from each letter.
 */
const urlUserinfo = /(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^\s/?#@"'<>\\]*@)+/g;

function buildMatchers(secrets: readonly string[]): Matchers {
  const textForms = new Set<string>();
  const base64Forms = new Set<string>();
  for (const secret of secrets) {
    for (const form of literalForms(secret)) textForms.add(form);
    for (const form of alignedBase64(secret)) base64Forms.add(form);
  }
  if (secrets.length === 0) return {};
  const literal = new RegExp(alternatives(textForms), 'g');
  // A run shorter than the base64 of the shortest secret and than its shortest aligned form holds neither.
  const shortestRun = Math.min(...secrets.map((secret) => Math.ceil((Buffer.byteLength(secret) * 4) / 3)), ...[...base64Forms].map((form) => form.length));
  return {
    literal,
    encoded: {
      shortestRun,
      // Whole runs only (the lookbehind), so a run is scanned once, not again from each of its characters.
      base64Run: new RegExp(`(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{${shortestRun},}={0,2}`, 'g'),
      base64Form: base64Forms.size > 0 ? new RegExp(alternatives(base64Forms)) : /(?!)/,
      // From a run's first escape to its end, with what comes before it in the run in `left`: V8 finds a `%` quickly.
      percentRun: /(?<=(?<left>(?<![^\s"'<>\\])[^\s"'<>\\]*))%[0-9A-Fa-f]{2}[^\s"'<>\\]*/g,
      holdsSecret: new RegExp(alternatives(new Set([...textForms, ...base64Forms]))),
      bytesHoldSecret: new RegExp(alternatives(new Set([...textForms, ...base64Forms].map((form) => Buffer.from(form).toString('latin1'))))),
    },
  };
}

/** One alternation of literal strings, longest first: of two forms starting at one place, the whole one is replaced. */
function alternatives(forms: ReadonlySet<string>): string {
  return [...forms]
    .sort((a, b) => b.length - a.length || compareStrings(a, b))
    .map(escapeRegExp)
    .join('|');
}

/** The forms a secret takes in text: for a plain token most of them are the token itself. */
function literalForms(secret: string): string[] {
  const hex = [...Buffer.from(secret)].map((byte) => byte.toString(16).padStart(2, '0'));
  const uri = encodeURIComponent(secret);
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    secret,
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    hex.map((pair) => `%${pair.toUpperCase()}`).join(''),
    hex.map((pair) => `%${pair}`).join(''),
    json,
    json.replaceAll('/', '\\/'),
    [...secret].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  ];
}

/**
 * Inside base64 of a longer text (`user:token`), the secret's bytes start at one of three offsets
 * within a 3-byte group; the characters of the groups it fills alone are the same whatever
 * surrounds it. In the standard and URL-safe alphabets, never with padding.
 */
function alignedBase64(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const forms: string[] = [];
  for (let skip = 0; skip < 3; skip++) {
    const whole = bytes.subarray(skip, skip + Math.floor((bytes.length - skip) / 3) * 3);
    // A shorter form would match unrelated base64; a secret that short is found by decoding runs.
    if (whole.length >= 6) forms.push(whole.toString('base64'), whole.toString('base64url'));
  }
  return forms;
}

/**
 * The bytes a base64 run decodes to from each of its four offsets (the run may start inside the
 * encoded text), one character per byte: decoding as UTF-8 costs several times more.
 */
function base64Decodings(run: string): string[] {
  const decodings: string[] = [];
  for (let offset = 0; offset < 4 && run.length - offset >= 4; offset++) decodings.push(Buffer.from(run.slice(offset), 'base64').toString('latin1'));
  return decodings;
}

/** `text` without the runs whose percent-decoding holds a secret. */
function redactPercentRuns(text: string, percentRun: RegExp, holdsSecret: RegExp): string {
  let result = '';
  let copied = 0;
  for (const hit of text.matchAll(percentRun)) {
    const start = hit.index - hit.groups!.left!.length;
    const end = hit.index + hit[0].length;
    if (!holdsSecret.test(percentDecoded(text.slice(start, end)))) continue;
    result += text.slice(copied, start) + redacted;
    copied = end;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

function percentDecoded(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // Not UTF-8 throughout: each sequence of escapes on its own, as bytes.
  }
  return run.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => Buffer.from(escapes.replaceAll('%', ''), 'hex').toString('utf8'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
