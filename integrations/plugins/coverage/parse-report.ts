import { MalformedReportError, type ParsedReport } from './coverage-report.ts';
import { parseCobertura } from './parse-cobertura.ts';
import { parseIstanbulSummary } from './parse-istanbul.ts';
import { parseLcov } from './parse-lcov.ts';

/**
 * Parses a coverage report of any supported format, told apart by its content rather than its
 * name (a `coverage.xml` can be anything): XML is Cobertura, a JSON object is an Istanbul
 * summary, and text with `SF:` records is lcov.
 */
export function parseCoverageReport(text: string): ParsedReport {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    if (/<report[\s>]/.test(start.slice(0, 2000)) && !/<coverage[\s>]/.test(start.slice(0, 2000))) {
      throw new MalformedReportError('XML', 'it looks like a JaCoCo report; Playbill reads Cobertura XML (convert it with a JaCoCo-to-Cobertura tool)');
    }
    return parseCobertura(text);
  }
  if (start.startsWith('{')) return parseIstanbulSummary(text);
  if (/^\s*(TN|SF):/m.test(text)) return parseLcov(text);
  throw new Error('it is not a coverage report Playbill reads (lcov, Cobertura XML or an Istanbul coverage-summary.json)');
}
