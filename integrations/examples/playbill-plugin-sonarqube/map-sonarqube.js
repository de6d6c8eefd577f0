// @ts-check
import { z } from 'playbill/plugin-api';

/** The measures the card shows, as SonarQube names them (`metricKeys`). */
export const metricKeys = /** @type {const} */ (['bugs', 'vulnerabilities', 'code_smells', 'coverage', 'duplicated_lines_density', 'security_hotspots']);

/**
 * The plugin's data: what the card needs, and nothing else, so a change in SonarQube's answers
 * fails this schema (a problem) rather than a page.
 */
export const sonarQubeDataSchema = z.object({
  projectKey: z.string(),
  /** The project's page in SonarQube. */
  dashboardUrl: z.string(),
  gate: z.object({
    /** NONE: no quality gate has been computed yet. WARN exists only on old servers. */
    status: z.enum(['OK', 'WARN', 'ERROR', 'NONE']),
    conditions: z.array(
      z.object({
        metric: z.string(),
        status: z.enum(['OK', 'WARN', 'ERROR', 'NONE']),
        comparator: z.string().optional(),
        threshold: z.string().optional(),
        actual: z.string().optional(),
      }),
    ),
  }),
  /** Measure values by metric key; a metric SonarQube has no value for is absent. */
  measures: z.partialRecord(z.enum(metricKeys), z.number()),
});

/** @typedef {z.infer<typeof sonarQubeDataSchema>} SonarQubeData */

/** `GET /api/qualitygates/project_status` as SonarQube documents it (only what is used). */
const projectStatusResponse = z.object({
  projectStatus: z.object({
    status: z.string(),
    conditions: z
      .array(
        z.object({
          status: z.string(),
          metricKey: z.string(),
          comparator: z.string().optional(),
          errorThreshold: z.string().optional(),
          actualValue: z.string().optional(),
        }),
      )
      .default([]),
  }),
});

/** `GET /api/measures/component`: measure values are strings ("81.2"). */
const measuresResponse = z.object({
  component: z.object({
    key: z.string(),
    measures: z.array(z.object({ metric: z.string(), value: z.string().optional() })).default([]),
  }),
});

/**
 * SonarQube's two answers → the plugin's data. Pure. Throws a readable error when an answer is
 * not shaped as documented.
 * @param {string} projectKey
 * @param {string} dashboardUrl
 * @param {unknown} projectStatus
 * @param {unknown} measures
 * @returns {SonarQubeData}
 */
export function mapSonarQube(projectKey, dashboardUrl, projectStatus, measures) {
  const status = parse(projectStatusResponse, projectStatus, 'the quality gate status');
  const component = parse(measuresResponse, measures, 'the measures');
  /** @type {SonarQubeData['measures']} */
  const values = {};
  for (const measure of component.component.measures) {
    const key = metricKeys.find((metric) => metric === measure.metric);
    const value = Number(measure.value);
    if (key && measure.value !== undefined && Number.isFinite(value)) values[key] = value;
  }
  return {
    projectKey,
    dashboardUrl,
    gate: {
      status: gateStatus(status.projectStatus.status),
      conditions: status.projectStatus.conditions.map((condition) => ({
        metric: condition.metricKey,
        status: gateStatus(condition.status),
        comparator: condition.comparator,
        threshold: condition.errorThreshold,
        actual: condition.actualValue,
      })),
    },
    measures: values,
  };
}

/**
 * @param {string} status
 * @returns {SonarQubeData['gate']['status']}
 */
function gateStatus(status) {
  return status === 'OK' || status === 'WARN' || status === 'ERROR' ? status : 'NONE';
}

/**
 * @template T
 * @param {z.ZodType<T>} schema
 * @param {unknown} value
 * @param {string} what
 * @returns {T}
 */
function parse(schema, value, what) {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`SonarQube answered ${what} in an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message})`);
  }
  return parsed.data;
}
