import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCobertura } from '../../../integrations/plugins/coverage/parse-cobertura.ts';
import { parseIstanbulSummary } from '../../../integrations/plugins/coverage/parse-istanbul.ts';
import { parseLcov } from '../../../integrations/plugins/coverage/parse-lcov.ts';
import { parseCoverageReport } from '../../../integrations/plugins/coverage/parse-report.ts';

const fixture = (name: string) => readFile(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe('lcov', () => {
  it('reads each SF record’s LF/LH and BRF/BRH, and shortens the CI machine’s absolute paths', async () => {
    const report = parseLcov(await fixture('lcov.info'));
    expect(report.format).toBe('lcov');
    expect(report.files).toEqual([
      { path: 'holds/expire.ts', lines: { covered: 4, total: 4, percent: 100 }, branches: { covered: 0, total: 0, percent: null } },
      { path: 'orders.ts', lines: { covered: 3, total: 5, percent: 60 }, branches: { covered: 2, total: 4, percent: 50 } },
    ]);
    expect(report.lines).toEqual({ covered: 7, total: 9, percent: 77.78 });
    expect(report.branches).toEqual({ covered: 2, total: 4, percent: 50 });
  });

  it('counts DA and BRDA lines when a record has no totals, and merges two runs of one file line by line', () => {
    const report = parseLcov(['SF:src/a.ts', 'DA:1,1', 'DA:2,0', 'BRDA:2,0,0,-', 'BRDA:2,0,1,1', 'end_of_record', 'SF:src/a.ts', 'DA:2,5', 'end_of_record', ''].join('\n'));
    expect(report.files).toEqual([{ path: 'src/a.ts', lines: { covered: 2, total: 2, percent: 100 }, branches: { covered: 1, total: 2, percent: 50 } }]);
  });

  it('refuses a count that is not a number, naming the line', () => {
    expect(() => parseLcov('SF:a.ts\nLF:many\nend_of_record\n')).toThrow('the lcov report is malformed: line 2: LF: "many" is not a count');
  });

  it('refuses text without SF: records', () => {
    expect(() => parseLcov('TN:\n')).toThrow('the lcov report is malformed: it has no SF: records');
  });
});

describe('Cobertura XML', () => {
  it('takes the totals from <coverage> counts and each file from its <class filename> lines and condition coverage', async () => {
    const report = parseCobertura(await fixture('cobertura.xml'));
    expect(report.lines).toEqual({ covered: 7, total: 9, percent: 77.78 });
    expect(report.branches).toEqual({ covered: 3, total: 4, percent: 75 });
    expect(report.files).toEqual([
      { path: 'payments/ledger.py', lines: { covered: 3, total: 4, percent: 75 }, branches: { covered: 2, total: 2, percent: 100 } },
      { path: 'payments/refunds.py', lines: { covered: 4, total: 5, percent: 80 }, branches: { covered: 1, total: 2, percent: 50 } },
    ]);
  });

  it('merges the classes of one file and falls back to line-rate when the root has no counts', () => {
    const xml = `<coverage line-rate="0.5" branch-rate="0"><packages><package name="p"><classes>
      <class name="A" filename="src/A.java"><lines><line number="1" hits="1"/><line number="2" hits="0"/></lines></class>
      <class name="A$Inner" filename="src/A.java"><lines><line number="2" hits="4"/><line number="9" hits="0"/></lines></class>
    </classes></package></packages></coverage>`;
    const report = parseCobertura(xml);
    expect(report.files).toEqual([{ path: 'src/A.java', lines: { covered: 2, total: 3, percent: 66.67 }, branches: { covered: 0, total: 0, percent: null } }]);
    expect(report.lines).toEqual({ covered: 2, total: 3, percent: 66.67 });
  });

  it('uses the rates alone when a report has no line details', () => {
    const report = parseCobertura('<coverage line-rate="0.815" branch-rate="0.6"><packages/></coverage>');
    expect(report.lines).toEqual({ percent: 81.5 });
    expect(report.branches).toEqual({ percent: 60 });
    expect(report.files).toEqual([]);
  });

  it('does not expand entities declared in the document (no billion laughs)', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE coverage [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<coverage line-rate="1" branch-rate="1"><packages><package name="&lol3;"><classes>
  <class name="x" filename="&lol3;.py"><lines><line number="1" hits="1"/></lines></class>
</classes></package></packages></coverage>`;
    const report = parseCobertura(bomb);
    expect(report.files.map((file) => file.path)).toEqual(['&lol3;.py']);
  });

  it('says why a broken document cannot be read', () => {
    expect(() => parseCobertura('<coverage line-rate="0.5"><packages>')).toThrow(/^the Cobertura report is malformed: the XML does not parse/);
    expect(() => parseCobertura('<report name="x"/>')).toThrow('the Cobertura report is malformed: its root element is not <coverage>');
    expect(() => parseCobertura('<coverage line-rate="lots"/>')).toThrow('line-rate is "lots", not a rate between 0 and 1');
  });
});

describe('Istanbul coverage-summary.json', () => {
  it('reads total and per-file lines and branches, with "Unknown" percentages as nothing to cover', async () => {
    const report = parseIstanbulSummary(await fixture('coverage-summary.json'));
    expect(report.lines).toEqual({ covered: 17, total: 20, percent: 85 });
    expect(report.branches).toEqual({ covered: 5, total: 8, percent: 62.5 });
    expect(report.files).toEqual([
      { path: 'cart.ts', lines: { covered: 11, total: 12, percent: 91.67 }, branches: { covered: 4, total: 6, percent: 66.67 } },
      { path: 'checkout/pay.ts', lines: { covered: 6, total: 8, percent: 75 }, branches: { covered: 1, total: 2, percent: 50 } },
      { path: 'format.ts', lines: { covered: 0, total: 0, percent: null }, branches: { covered: 0, total: 0, percent: null } },
    ]);
  });

  it('refuses a summary without a total or with counts that are not numbers', () => {
    expect(() => parseIstanbulSummary('{"src/a.ts": {}}')).toThrow('the Istanbul summary report is malformed: it has no "total" entry');
    expect(() => parseIstanbulSummary('{"total": {"lines": {"total": "9", "covered": 1}, "branches": {"total": 0, "covered": 0}}}')).toThrow(
      '"total".lines needs whole-number "total" and "covered"',
    );
    expect(() => parseIstanbulSummary('{"total": ')).toThrow(/the JSON does not parse/);
  });
});

describe('telling formats apart', () => {
  it('recognises each format by its content, not its file name', async () => {
    expect(parseCoverageReport(await fixture('lcov.info')).format).toBe('lcov');
    expect(parseCoverageReport(await fixture('cobertura.xml')).format).toBe('cobertura');
    expect(parseCoverageReport(await fixture('coverage-summary.json')).format).toBe('istanbul');
  });

  it('names JaCoCo XML and anything else it cannot read', () => {
    expect(() => parseCoverageReport('<?xml version="1.0"?><report name="app"><counter type="LINE" missed="1" covered="2"/></report>')).toThrow(/looks like a JaCoCo report/);
    expect(() => parseCoverageReport('All files | 81.2 | 70 |')).toThrow('it is not a coverage report Playbill reads (lcov, Cobertura XML or an Istanbul coverage-summary.json)');
  });
});
