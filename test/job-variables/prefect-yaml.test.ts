import { describe, expect, it } from 'vitest';

import { PrefectYamlError, readPrefectYamlJobVariables } from '../../src/job-variables/prefect-yaml.js';

const PREFECT_YAML = `name: example
deployments:
  - name: etl
    work_pool:
      name: pool-a
      job_variables:
        cpu: 1024
        env:
          MODE: batch
  - name: no-overrides
    work_pool:
      name: pool-a
  - name: reports
    work_pool:
      name: pool-b
      job_variables:
        image: "{{ prefect.variables.report_image }}"
`;

describe('readPrefectYamlJobVariables', () => {
  const documents = readPrefectYamlJobVariables(PREFECT_YAML, 'prefect.yaml');

  it('makes one scenario per deployment with job variables', () => {
    expect(documents.map((document) => document.name)).toEqual(['etl', 'reports']);
  });

  it('keeps the pool each deployment names', () => {
    expect(documents.map((document) => document.workPool)).toEqual(['pool-a', 'pool-b']);
  });

  it('points at the job_variables mapping', () => {
    expect(documents[0]?.pointer).toBe('/deployments/0/work_pool/job_variables');
    expect(documents[0]?.values).toEqual({ cpu: 1024, env: { MODE: 'batch' } });
  });

  it('keeps deploy-time references as text', () => {
    expect(documents[1]?.values.image).toBe('{{ prefect.variables.report_image }}');
  });

  it('locates a job variable from its key to its value', () => {
    const range = documents[0]?.locate?.('/deployments/0/work_pool/job_variables/cpu');
    expect(range?.start.line).toBe(7);
    expect(range?.start.column).toBe(9);
    expect(range?.end.line).toBe(7);
  });

  it('locates a nested env entry', () => {
    const range = documents[0]?.locate?.('/deployments/0/work_pool/job_variables/env/MODE');
    expect(range?.start.line).toBe(9);
    expect(range?.start.column).toBe(11);
  });

  it('applies merge keys as PyYAML does', () => {
    const text = `definitions:
  pool: &pool
    name: pool-a
  variables: &variables
    cluster: example-cluster
deployments:
  - name: beta
    work_pool:
      <<: *pool
      job_variables:
        <<: *variables
        cpu: 512
`;
    const [beta] = readPrefectYamlJobVariables(text);
    expect(beta?.workPool).toBe('pool-a');
    expect(beta?.values).toEqual({ cluster: 'example-cluster', cpu: 512 });
  });

  it('reports invalid YAML with its position', () => {
    let caught: unknown;
    try {
      readPrefectYamlJobVariables('deployments:\n  - name: [unclosed\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PrefectYamlError);
    expect((caught as PrefectYamlError).line).toBeGreaterThan(1);
  });
});
