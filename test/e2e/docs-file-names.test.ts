import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemsFileSchema } from '../../src/catalog/problems.ts';
import type { Problem } from '../../src/vocabulary/problems.ts';
import { buildSite } from '../support/build-site.ts';
import { makeRepos, yaml } from '../support/temp-repos.ts';

const site = 'docs/default/component/web/';
/** Twenty folders of 200 bytes: past PATH_MAX, so no program can name the page below them by its full path. */
const deepFolder = 'd'.repeat(200);
/** Characters that must never reach a log line or problems.json raw. */
const raw = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

let outDir: string;
let stdout: string;
let stderr: string;
let code: number;
let problems: Problem[];

beforeAll(async () => {
  const { root, repos } = await makeRepos({
    web: {
      'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: web
          annotations: { backstage.io/techdocs-ref: "dir:." }
        spec: { type: service, lifecycle: production, owner: user:ada }
      `,
      'docs/index.md': '# Home\n\nThe one healthy page, and the [setup](sub/setup.md).\n',
      'docs/sub/setup.md': '# Setup\n',
      'docs/ta\tb.md': '# Tab\n',
      'docs/c\rr.md': '# Carriage return\n',
      'docs/l\nf.md': '# Line feed\n',
      'docs/pic.png': 'not really a png',
      'docs/pic.png.md': '# About the picture\n',
      'docs/caf\u00e9.md': '# Café (NFC)\n',
      'docs/cafe\u0301.md': '# Café (NFD)\n',
      'docs/Guide.md': '# Guide\n',
      'docs/guide.md': '# guide\n',
      // Astro's router matched none of these either: a line separator, a backslash, a percent-escape.
      'docs/line\u2028separator.md': '# Line separator\n',
      'docs/back\\slash.md': '# Backslash\n',
      'docs/a%41b.md': '# Percent-escape\n',
    },
  });
  const web = repos[0]!.dir;
  execFileSync('bash', ['-c', 'cd docs && for i in $(seq 20); do mkdir "$1" && cd "$1"; done && echo "# Deep" > page.md', 'deep', deepFolder], { cwd: web });
  execFileSync('mkfifo', [join(web, 'docs/pipe.md')]);
  execFileSync('mkfifo', [join(web, 'docs/sub/.pages')]);
  const result = await buildSite(['--repos', root]);
  ({ outDir, stdout, stderr, code } = result);
  if (process.env.SHOW_BUILD) console.log(stdout, stderr);
  problems = problemsFileSchema.parse(JSON.parse(await readFile(join(outDir, 'problems.json'), 'utf8'))).problems;
}, 300_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

/** The docs problem at this file (as problems.json writes it: escaped). */
const problemAt = (file: string) => problems.find((problem) => problem.file === file);

describe('a docs folder whose file names crash, collide or vanish', () => {
  it('builds, with each bad file a located problem', () => {
    expect(code).toBe(0);
    expect(problemAt('docs/ta\\tb.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('control character (\\t)') });
    expect(problemAt('docs/c\\rr.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('control character (\\r)') });
    expect(problemAt('docs/l\\nf.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('control character (\\n)') });
    expect(problemAt('docs/pic.png')).toMatchObject({ code: 'docs-page-conflict', message: expect.stringContaining('the folder of pic.png.md') });
    expect(problemAt('docs/caf\u00e9.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('normalisation') });
    expect(problemAt('docs/guide.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('differ only in letter case') });
    expect(problemAt(`docs/${Array.from({ length: 5 }, () => deepFolder).join('/')}`)).toMatchObject({ code: 'docs-page-conflict', message: expect.stringContaining('Nothing in it is published') });
    expect(problemAt('docs/pipe.md')).toMatchObject({ code: 'unreadable-file', message: expect.stringContaining('named pipe (FIFO)') });
    expect(problemAt('docs/sub/.pages')).toMatchObject({ code: 'unreadable-file', message: expect.stringContaining('named pipe (FIFO)') });
    expect(problemAt('docs/line\\u2028separator.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('control character (\\u2028)') });
    expect(problemAt('docs/back\\slash.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('backslash') });
    expect(problemAt('docs/a%41b.md')).toMatchObject({ code: 'docs-page-conflict', line: 1, message: expect.stringContaining('percent-escape (%41)') });
    expect(problems.filter((problem) => problem.file.startsWith('docs/'))).toHaveLength(12);
  });

  it('publishes the healthy pages, and one page of each pair that would have collided', () => {
    for (const page of ['', 'sub/setup/', 'pic.png/', 'caf\u00e9/', 'Guide/']) expect(existsSync(join(outDir, site, page, 'index.html')), page).toBe(true);
    expect(existsSync(join(outDir, site, 'guide/index.html'))).toBe(false);
  });

  it('links nothing in the nav or the page footers to a page that was not written', async () => {
    const files = (await readdir(join(outDir, site), { recursive: true })).filter((file) => file.endsWith('index.html'));
    expect(files.length).toBe(5);
    const hrefs = new Set<string>();
    for (const file of files) {
      const html = await readFile(join(outDir, site, file), 'utf8');
      for (const [, href] of html.matchAll(/href="(\/docs\/[^"#?]*)"/g)) hrefs.add(href!);
    }
    expect(hrefs.size).toBeGreaterThanOrEqual(5);
    for (const href of hrefs) {
      const path = join(outDir, decodeURIComponent(href));
      expect(existsSync(href.endsWith('/') ? join(path, 'index.html') : path), href).toBe(true);
    }
  });

  it('shows the names escaped in the log, problems.json and the problems page', async () => {
    for (const problem of problems) expect(`${problem.file} ${problem.message}`).not.toMatch(raw);
    // Astro's logger writes errors and warnings to stderr.
    const problemLines = stderr.split('\n').filter((line) => line.includes('web/docs/'));
    expect(problemLines.some((line) => line.includes('web/docs/l\\nf.md:1:1'))).toBe(true);
    expect(problemLines.some((line) => line.includes('web/docs/ta\\tb.md:1:1'))).toBe(true);
    expect(problemLines).toHaveLength(12);
    for (const line of problemLines) expect(line).not.toMatch(raw);
    const page = await readFile(join(outDir, 'problems/index.html'), 'utf8');
    expect(page).toContain('web/docs/l\\nf.md:1:1');
    expect(page).not.toMatch(/l\nf\.md/);
  });
});
