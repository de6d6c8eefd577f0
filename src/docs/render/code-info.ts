/**
 * The info string of a fenced code block as pymdownx.superfences and Material read it:
 * ```` ``` py title="main.py" hl_lines="2 3-5" linenums="1" ```` or the attribute-list form
 * ```` ``` { .yaml .copy title="x" } ````. Unknown options are ignored.
 */

export interface CodeInfo {
  lang: string;
  title?: string;
  highlight: Set<number>;
  lineNumbersFrom?: number;
}

const OPTION = /([\w-]+)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|(\S+))/g;
const LANG = /^[\w+#.-]{1,40}$/;

export function parseCodeInfo(lang: string | null | undefined, meta: string | null | undefined): CodeInfo {
  let info = `${lang ?? ''} ${meta ?? ''}`.trim();
  let language = '';
  if (info.startsWith('{')) {
    info = info.replace(/^\{|\}$/g, '').trim();
    const first = /^\.([\w+#.-]+)/.exec(info);
    if (first) {
      language = first[1]!;
      info = info.slice(first[0].length);
    }
  } else {
    const first = /^[^\s=]+(?=\s|$)/.exec(info);
    if (first) {
      language = first[0].replace(/^\./, '');
      info = info.slice(first[0].length);
    }
  }
  const result: CodeInfo = { lang: LANG.test(language) ? language.toLowerCase() : '', highlight: new Set() };
  for (const match of info.matchAll(OPTION)) {
    const key = match[1]!.toLowerCase();
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (key === 'title') {
      if (value.trim()) result.title = value;
    } else if (key === 'hl_lines') {
      result.highlight = parseLineSet(value);
    } else if (key === 'linenums') {
      const start = Number.parseInt(value, 10);
      if (Number.isFinite(start) && start >= 0) result.lineNumbersFrom = Math.max(start, 1);
    }
  }
  return result;
}

/** `"2 3 5-7"` → {2, 3, 5, 6, 7}; bounded so that `1-99999999` cannot allocate without end. */
export function parseLineSet(value: string): Set<number> {
  const lines = new Set<number>();
  for (const part of value.split(/[\s,]+/)) {
    const range = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(part);
    if (!range) continue;
    const start = Number(range[1]);
    const end = Math.min(Number(range[2] ?? range[1]), start + 10_000);
    for (let line = start; line <= end; line++) lines.add(line);
  }
  return lines;
}
