import { describe, expect, it } from 'vitest';
import { render } from './helpers.ts';

const SAMPLES: Record<string, string> = { diff: '- old\n+ new', docker: 'FROM node:24\nRUN npm ci', dockerfile: 'FROM node:24' };

describe('code highlighting', () => {
  it('highlights known languages with Prism token classes and no inline styles', async () => {
    const doc = await render('```ts\nconst answer: number = 42;\n```\n');
    expect(doc.html).toContain('<pre class="language-ts"><code class="language-ts"><span class="token keyword">const</span> answer');
    expect(doc.html).toContain('<span class="token number">42</span>');
    expect(doc.html).not.toContain('style=');
  });

  it.each(['bash', 'sh', 'shell', 'console', 'js', 'jsx', 'tsx', 'json', 'yaml', 'yml', 'python', 'py', 'java', 'kotlin', 'go', 'rust', 'sql', 'html', 'xml', 'css', 'diff', 'docker', 'dockerfile', 'groovy', 'properties', 'ini', 'toml', 'protobuf', 'proto', 'graphql', 'c++', 'hcl'])(
    'knows %s',
    async (lang) => {
      const sample = SAMPLES[lang] ?? 'name = "value" # 1 <a> {}';
      const doc = await render(`\`\`\`${lang}\n${sample}\n\`\`\`\n`);
      expect(doc.html).toContain('class="token');
    },
  );

  it('escapes code in unknown languages and plain blocks', async () => {
    const doc = await render('```klingon\n<script>alert(1)</script>\n```\n\n```\n<b>x</b>\n```\n');
    expect(doc.html).toContain('<pre class="language-klingon"><code class="language-klingon">&#x3C;script>alert(1)&#x3C;/script></code></pre>');
    expect(doc.html).toContain('<pre><code>&#x3C;b>x&#x3C;/b></code></pre>');
  });

  it('renders titles, line highlights (with ranges) and line numbers', async () => {
    const doc = await render('``` py title="bubble_sort.py" hl_lines="2 4-5" linenums="10"\na = """x\ny"""\nb = 1\nc = 2\nd = 3\n```\n');
    expect(doc.html).toContain('<figure class="code-block"><figcaption class="code-title">bubble_sort.py</figcaption><pre class="language-py line-numbers">');
    const lines = [...doc.html.matchAll(/<span class="(line[^"]*)" data-line="(\d+)">/g)].map((match) => [match[1], match[2]]);
    expect(lines).toEqual([
      ['line', '10'],
      ['line highlighted', '11'],
      ['line', '12'],
      ['line highlighted', '13'],
      ['line highlighted', '14'],
    ]);
    // A token spanning lines (the triple-quoted string) is re-opened on each line.
    expect(doc.html).toContain('<span class="line" data-line="10">a <span class="token operator">=</span> <span class="token triple-quoted-string string">"""x</span></span>');
    expect(doc.html).toContain('<span class="line highlighted" data-line="11"><span class="token triple-quoted-string string">y"""</span></span>');
  });

  it('reads the attribute-list fence form and titles without a language', async () => {
    const doc = await render('``` { .yaml .copy title="conf.yml" }\na: 1\n```\n\n``` title=".browserslistrc"\nlast 4 years\n```\n');
    expect(doc.html).toContain('<figcaption class="code-title">conf.yml</figcaption><pre class="language-yaml">');
    expect(doc.html).toContain('<figcaption class="code-title">.browserslistrc</figcaption><pre><code>last 4 years</code></pre>');
  });

  it('highlights inline code with a #!lang prefix (InlineHilite)', async () => {
    const doc = await render('The `#!python range()` function and `#!unknown x` and `#not-a-shebang`.\n');
    expect(doc.html).toContain('<code class="language-python"><span class="token builtin">range</span><span class="token punctuation">(</span><span class="token punctuation">)</span></code>');
    expect(doc.html).toContain('<code class="language-unknown">x</code>');
    expect(doc.html).toContain('<code>#not-a-shebang</code>');
  });
});
