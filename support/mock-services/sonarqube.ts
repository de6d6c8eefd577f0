import type { ServerResponse } from 'node:http';
import { sendJson, startMockServer, type MockServer } from './http-server.ts';

/** One project as the mock server knows it: its quality gate answer and its measures. */
export interface SonarQubeProject {
  gate: { status: 'OK' | 'WARN' | 'ERROR' | 'NONE'; conditions?: { status: string; metricKey: string; comparator?: string; errorThreshold?: string; actualValue?: string }[] };
  measures: Record<string, string>;
}

export interface SonarQubeServerOptions {
  projects: Record<string, SonarQubeProject>;
  /** When set, requests must carry `Authorization: Bearer <token>` (else 401, as SonarQube answers). */
  token?: string;
  /** Per project key: answer this instead (500s, garbage, delays). */
  fault?: Record<string, (response: ServerResponse) => void | Promise<void>>;
}

/**
 * A local SonarQube speaking the two Web API endpoints the plugin uses, in the shapes SonarQube
 * documents (docs.sonarsource.com, Web API): `GET /api/qualitygates/project_status?projectKey=`
 * and `GET /api/measures/component?component=&metricKeys=`, with `{"errors":[{"msg"}]}` bodies
 * for 401 and 404 and only the measures that have a value.
 */
export function startSonarQubeServer(options: SonarQubeServerOptions): Promise<MockServer> {
  return startMockServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://sonarqube.local');
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) {
      return sendJson(response, 401, { errors: [{ msg: 'Authentication required' }] });
    }
    const key = url.searchParams.get(url.pathname === '/api/qualitygates/project_status' ? 'projectKey' : 'component') ?? '';
    const fault = options.fault?.[key];
    if (fault) return fault(response);
    const project = options.projects[key];
    if (url.pathname === '/api/qualitygates/project_status') {
      if (!project) return sendJson(response, 404, { errors: [{ msg: `Project '${key}' not found` }] });
      return sendJson(response, 200, {
        projectStatus: {
          status: project.gate.status,
          ignoredConditions: false,
          conditions: project.gate.conditions ?? [],
          caycStatus: 'compliant',
          period: { mode: 'PREVIOUS_VERSION', date: '2026-11-20T09:12:04+0000' },
        },
      });
    }
    if (url.pathname === '/api/measures/component') {
      if (!project) return sendJson(response, 404, { errors: [{ msg: `Component key '${key}' not found` }] });
      const wanted = (url.searchParams.get('metricKeys') ?? '').split(',');
      return sendJson(response, 200, {
        component: {
          key,
          name: key,
          qualifier: 'TRK',
          measures: wanted.filter((metric) => metric in project.measures).map((metric) => ({ metric, value: project.measures[metric], bestValue: false })),
        },
      });
    }
    return sendJson(response, 404, { errors: [{ msg: `Unknown url : ${url.pathname}` }] });
  });
}
