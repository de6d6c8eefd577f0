import { describe, expect, it } from 'vitest';
import { highlight, highlightCode, highlightDefinition, languageOf } from '../../src/vocabulary/highlight.ts';

describe('the one highlighter', () => {
  it("writes a definition's tokens as Prism's classes, every character of the text escaped", () => {
    const html = highlightDefinition('openapi: 3.0.0\ninfo: { title: "<b>&" }\n', 'yaml');
    expect(html).toContain('<span class="token key atrule">openapi</span>');
    expect(html).toContain('&#60;b&#62;&#38;');
    expect(html).not.toContain('<b>');
    expect(highlightDefinition('syntax = "proto3";', 'proto')).toContain('<span class="token keyword">syntax</span>');
  });

  it('gives docs code blocks the same tokens, as hast', () => {
    const [first] = highlight('openapi: 3.0.0', languageOf('yaml'));
    expect(first).toMatchObject({ type: 'element', tagName: 'span', properties: { className: ['token', 'key', 'atrule'] } });
  });

  it("highlights a plugin's code block in a definition language, by its name or Prism's, and escapes the rest", () => {
    expect(highlightCode('{"a": 1}', 'json').language).toBe('json');
    expect(highlightCode('message A {}', 'protobuf').language).toBe('proto');
    expect(highlightCode('print("<x>")', 'python')).toEqual({ language: 'text', html: 'print(&#34;&#60;x&#62;&#34;)' });
  });
});
