// @ts-check
/**
 * playbill-plugin-sonarqube: the SonarQube quality gate and measures of a project, on the page of
 * every entity annotated `sonarqube.org/project-key` (the annotation Backstage's SonarQube plugin
 * reads). Written against Playbill's public plugin API only.
 */
import { definePlugin, PluginHttpError, z } from 'playbill/plugin-api';
import { mapSonarQube, metricKeys, sonarQubeDataSchema } from './map-sonarqube.js';
import { renderSonarQubeCard, sonarQubeBadges } from './render-sonarqube.js';

export const projectKeyAnnotation = 'sonarqube.org/project-key';

export const sonarqube = definePlugin({
  name: 'sonarqube',
  title: 'SonarQube',
  // Lets the pipeline worker import this plugin and run it off the main thread.
  module: import.meta.url,
  options: z
    .object({
      /** The SonarQube server (or https://sonarcloud.io). */
      baseUrl: z.url().default('https://sonarcloud.io'),
      /** Name of the environment variable holding a user token; unset or empty: anonymous (public projects). */
      tokenEnv: z.string().default('SONAR_TOKEN'),
    })
    .strict(),
  create: (options) => {
    const base = options.baseUrl.replace(/\/+$/, '');
    return {
      appliesTo: (entity) => Boolean(entity.metadata.annotations?.[projectKeyAnnotation]?.trim()),
      data: sonarQubeDataSchema,
      fetch: async (entity, context) => {
        const projectKey = entity.metadata.annotations?.[projectKeyAnnotation]?.trim() ?? '';
        if (projectKey.includes('/')) {
          throw new Error(`${projectKeyAnnotation} "${projectKey}" names a SonarQube instance; this plugin talks to one server (baseUrl), so give the project key alone`);
        }
        const token = context.secret(options.tokenEnv);
        // SonarQube 10+ and SonarCloud take a user token as a bearer token.
        const init = { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } };
        const get = async (/** @type {string} */ path, /** @type {Record<string, string>} */ query) => {
          try {
            return await context.fetchJson(`${base}${path}?${new URLSearchParams(query)}`, init);
          } catch (error) {
            throw explain(error, projectKey, options.tokenEnv);
          }
        };
        const [status, measures] = await Promise.all([
          get('/api/qualitygates/project_status', { projectKey }),
          get('/api/measures/component', { component: projectKey, metricKeys: metricKeys.join(',') }),
        ]);
        return mapSonarQube(projectKey, `${base}/dashboard?${new URLSearchParams({ id: projectKey })}`, status, measures);
      },
      card: (data) => renderSonarQubeCard(data),
      badges: (data) => sonarQubeBadges(data),
      search: (data) => ({ 'quality gate': sonarQubeBadges(data)[0]?.value ?? 'none' }),
      catalog: (data) => ({ qualityGate: data.gate.status, ...data.measures }),
    };
  },
});

export default sonarqube;

/**
 * A failed request, said so that whoever reads the problem knows what to do.
 * @param {unknown} error
 * @param {string} projectKey
 * @param {string} tokenEnv
 */
function explain(error, projectKey, tokenEnv) {
  if (!(error instanceof PluginHttpError)) return error;
  if (error.status === 404) return new Error(`SonarQube has no project "${projectKey}" (404): check ${projectKeyAnnotation}`);
  if (error.status === 401 || error.status === 403) {
    return new Error(`SonarQube refused to show project "${projectKey}" (${error.status}): set ${tokenEnv} to a token with Browse permission on it`);
  }
  return error;
}
