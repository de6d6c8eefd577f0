// @ts-check
/** @import { PanelContent, Tone } from 'playbill/plugin-api' */
/** @import { SonarQubeData } from './map-sonarqube.js' */

/** @type {Record<SonarQubeData['gate']['status'], { label: string; tone: Tone }>} */
const gateLabels = {
  OK: { label: 'Quality gate passed', tone: 'ok' },
  WARN: { label: 'Quality gate warning', tone: 'warning' },
  ERROR: { label: 'Quality gate failed', tone: 'error' },
  NONE: { label: 'No quality gate computed', tone: 'neutral' },
};

/** Labels as SonarQube's UI shows them. */
const metricLabels = {
  bugs: 'Bugs',
  vulnerabilities: 'Vulnerabilities',
  security_hotspots: 'Security hotspots',
  code_smells: 'Code smells',
  coverage: 'Coverage',
  duplicated_lines_density: 'Duplications',
  new_coverage: 'Coverage on new code',
  new_duplicated_lines_density: 'Duplications on new code',
  new_violations: 'New issues',
  new_reliability_rating: 'Reliability rating on new code',
  new_security_rating: 'Security rating on new code',
  new_maintainability_rating: 'Maintainability rating on new code',
  new_security_hotspots_reviewed: 'Security hotspots reviewed on new code',
};

/** @type {Record<string, string>} */
const comparators = { LT: 'below', GT: 'above', EQ: 'equal to', NE: 'not equal to' };

/**
 * The entity page card: the quality gate, the measures, and the conditions that failed. Pure.
 * @param {SonarQubeData} data
 * @returns {PanelContent}
 */
export function renderSonarQubeCard(data) {
  const gate = gateLabels[data.gate.status];
  const failing = data.gate.conditions.filter((condition) => condition.status === 'ERROR' || condition.status === 'WARN');
  /** @type {PanelContent['blocks']} */
  const blocks = [
    { type: 'status', tone: gate.tone, label: gate.label, detail: failing.length > 0 ? `${failing.length} of ${data.gate.conditions.length} conditions not met` : undefined },
    {
      type: 'facts',
      items: [
        ...(/** @type {const} */ (['bugs', 'vulnerabilities', 'security_hotspots', 'code_smells'])).map((key) => ({ label: metricLabels[key], value: count(data.measures[key]) })),
        { label: metricLabels.coverage, value: percent(data.measures.coverage) },
        { label: metricLabels.duplicated_lines_density, value: percent(data.measures.duplicated_lines_density) },
      ],
    },
  ];
  if (failing.length > 0) {
    blocks.push({
      type: 'table',
      caption: 'Conditions not met',
      columns: [{ label: 'Metric' }, { label: 'Value', numeric: true }, { label: 'Required' }],
      rows: failing.map((condition) => [
        label(condition.metric),
        { text: formatValue(condition.metric, condition.actual), tone: condition.status === 'ERROR' ? 'error' : 'warning' },
        condition.threshold === undefined ? '—' : `not ${comparators[condition.comparator ?? ''] ?? condition.comparator ?? ''} ${formatValue(condition.metric, condition.threshold)}`.trim(),
      ]),
    });
  }
  blocks.push({ type: 'text', text: { text: `${data.projectKey} in SonarQube`, href: data.dashboardUrl } });
  return { status: { tone: gate.tone, label: gate.label.replace('Quality gate ', '') }, blocks };
}

/**
 * The quality gate as a badge on the entity page and in the catalog explorer.
 * @param {SonarQubeData} data
 * @returns {{ label: string; value: string; tone: Tone }[]}
 */
export function sonarQubeBadges(data) {
  const value = { OK: 'passed', WARN: 'warning', ERROR: 'failed', NONE: 'none' }[data.gate.status];
  return [{ label: 'quality gate', value, tone: gateLabels[data.gate.status].tone }];
}

/** @param {string} metric */
function label(metric) {
  return /** @type {Record<string, string>} */ (metricLabels)[metric] ?? metric;
}

/** @param {number | undefined} value */
function count(value) {
  return value === undefined ? '—' : String(value);
}

/** @param {number | undefined} value */
function percent(value) {
  return value === undefined ? '—' : `${value.toFixed(1)}%`;
}

/**
 * SonarQube sends values as strings; coverage and duplications are percentages.
 * @param {string} metric
 * @param {string | undefined} value
 */
function formatValue(metric, value) {
  if (value === undefined) return '—';
  const number = Number(value);
  if (/coverage|density|reviewed/.test(metric) && Number.isFinite(number)) return `${Number(number.toFixed(1))}%`;
  return value;
}
