/**
 * YAML front matter (`---` … `---` at the very top) → title and description. The lines are blanked rather than
 * removed so every later line keeps its number; a YAML error is a problem at its line and the page still renders.
 */
import { parseDocument } from 'yaml';
import { expansionCheckFor } from '../../catalog/expanded-size.ts';
import type { RenderState } from './render-state.ts';
import { report } from './render-state.ts';
import type { SourceLine } from './source-lines.ts';

export interface FrontMatter {
  title?: string;
  description?: string;
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

export function takeFrontMatter(lines: SourceLine[], state: RenderState): FrontMatter {
  const first = lines[0];
  if (!first || !OPEN.test(first.text)) return {};
  let end = -1;
  for (let index = 1; index < lines.length; index++) {
    if (CLOSE.test(lines[index]!.text)) {
      end = index;
      break;
    }
  }
  if (end < 0) return {};

  const yamlText = lines
    .slice(1, end)
    .map((line) => line.text)
    .join('\n');
  for (let index = 0; index <= end; index++) lines[index] = { text: '', origin: lines[index]!.origin };

  const result: FrontMatter = {};
  try {
    const document = parseDocument(yamlText, { uniqueKeys: false });
    for (const error of document.errors) {
      const at = error.linePos?.[0];
      report(
        state,
        'error',
        { file: first.origin.file, line: (at?.line ?? 1) + 1, column: at?.col ?? 1 },
        `Front matter is not valid YAML: ${firstLine(error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, ''))}`,
      );
    }
    if (document.errors.length > 0) return result;
    const value: unknown = document.toJS({ maxAliasCount: 50 });
    const refusal = expansionCheckFor(yamlText.length)(value);
    if (refusal) {
      const start = document.contents?.range?.[0] ?? 0;
      const line = 2 + (yamlText.slice(0, start).match(/\n/g)?.length ?? 0);
      report(state, 'error', { file: first.origin.file, line, column: 1 }, `Front matter was not read: ${refusal}.`);
      return result;
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const title = scalarText(record['title']);
      const description = scalarText(record['description']);
      if (title) result.title = title;
      if (description) result.description = description;
    } else if (value !== null && value !== undefined) {
      report(state, 'warning', { file: first.origin.file, line: 2, column: 1 }, 'Front matter is not a YAML mapping.');
    }
  } catch (error) {
    report(state, 'error', { file: first.origin.file, line: 1, column: 1 }, `Front matter could not be read: ${firstLine(String(error))}`);
  }
  return result;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.endsWith('.') ? line : `${line}.`;
}
