import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  parse as parseJsonAst,
  type MemberNode,
  type ValueNode,
} from '@humanwhocodes/momoa';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

const RULE_IDS = [
  'valid-template-shape',
  'no-undeclared-placeholder',
  'no-unused-variable',
  'valid-placeholder',
  'valid-variables-schema',
  'valid-variable-default',
  'valid-job-variables',
  'no-lost-default-keys',
  'no-launch-type-with-capacity-provider-strategy',
  'valid-capacity-provider-strategy',
  'launch-type-compatibility',
  'require-network-configuration-for-awsvpc',
  'valid-network-configuration',
  'require-execution-role',
  'valid-fargate-task-size',
  'fargate-requires-awsvpc',
  'valid-container-definitions',
  'no-ignored-task-definition',
  'valid-cloudwatch-logs',
  'no-plaintext-secrets',
  'valid-tags',
  'require-run-request-cluster',
  'valid-aws-identifiers',
  'valid-family-name',
];

// Ids of the stored cases. The numbering has gaps because not every known
// problem has a case.
const CASE_IDS = [
  'C01',
  'C02',
  'C03',
  'C06',
  'C07',
  'C08',
  'C09',
  'C10',
  'C12',
  'C14',
  'C16',
  'C18',
  'C21',
  'C22',
  'C24',
  'C25',
  'C27',
  'C28',
  'C30',
  'C31',
  'C32',
  'C33',
  'C34',
  'C35',
  'C36',
  'C38',
  'C39',
  'C40',
];

const LAYERS = [
  'template',
  'schema',
  'override',
  'version',
  'aws-state',
  'tooling',
];
const SEVERITIES = ['error', 'warning', 'info'];
const CASE_KEYS = [
  'id',
  'title',
  'layer',
  'target',
  'template',
  'jobVariables',
  'expect',
  'notes',
];

const REAL_TEMPLATE_FILES = [
  'prefect-default-prefect-aws-0.3.1.json',
  'prefect-default-prefect-aws-0.4.14.json',
  'prefect-default-prefect-aws-0.7.11-reconstructed.json',
  'users/01-entechlog-ecs-base-job-template.json',
  'users/02-entechlog-ecs-base-job-template-with-datadog.json',
  'users/03-entechlog-ecs-base-job-template-with-dkr-creds.json',
  'users/04-isai-ecs-push-base-job-template.json',
  'users/05-isai-ecs-push-base-job-template-duplicate-secret.json',
  'users/06-isai-ecs-push-base-job-template-before-log-group.json',
  'users/07-ffmpeg-push-pool-v1-values-at-top-level.json',
  'users/08-ffmpeg-push-pool-v2-job-configuration-without-task-request.json',
  'users/09-ffmpeg-push-pool-v3-credentials-default-in-definitions.json',
  'users/10-ffmpeg-push-pool-v4-working.json',
  'users/11-ffmpeg-push-pool-v5-arm64-with-defaults.json',
  'users/12-unattributed-ui-export-ec2-plus-capacity-provider.json',
];

// Real documents kept on purpose although they lack the template shape.
const NON_TEMPLATE_SAMPLES = [
  'users/07-ffmpeg-push-pool-v1-values-at-top-level.json',
  'users/08-ffmpeg-push-pool-v2-job-configuration-without-task-request.json',
];

const TRAILING_COMMA_FILE = 'invalid/trailing-comma.json';

type JsonObject = Record<string, unknown>;

interface ReportEntry {
  ruleId: string;
  severity?: string;
  pointer?: string;
}

interface CaseFile {
  id: string;
  title: string;
  layer: string;
  target?: JsonObject;
  template: JsonObject;
  jobVariables?: JsonObject[];
  expect: { report: ReportEntry[]; notReport: string[]; fixed?: JsonObject };
  notes: string;
}

function readText(relativePath: string): string {
  return readFileSync(FIXTURES + relativePath, 'utf8');
}

function readJson<T = JsonObject>(relativePath: string): T {
  return JSON.parse(readText(relativePath)) as T;
}

function listFixtures(pattern: string): string[] {
  return fg.sync(pattern, { cwd: FIXTURES }).sort();
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves an RFC 6901 JSON Pointer, or returns undefined if it dangles. */
function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  let current: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else return undefined;
  }
  return current;
}

function memberNamed(value: ValueNode, name: string): MemberNode[] {
  if (value.type !== 'Object') return [];
  return value.members.filter(
    (member) => member.name.type === 'String' && member.name.value === name,
  );
}

describe('JSON fixture files', () => {
  const jsonFiles = listFixtures('**/*.json');
  const parsableFiles = jsonFiles.filter(
    (file) => file !== TRAILING_COMMA_FILE,
  );

  it('include every fixture group', () => {
    const groups = new Set(jsonFiles.map((file) => file.split('/')[0]));
    for (const required of ['cases', 'invalid', 'job-variables', 'not-templates', 'real-templates', 'work-pools']) {
      expect(groups.has(required), `fixtures/${required} is missing`).toBe(true);
    }
  });

  it('keep JSON files only in known groups', () => {
    const known = ['cases', 'cli', 'invalid', 'job-variables', 'not-templates', 'real-templates', 'render', 'work-pools'];
    const groups = [...new Set(jsonFiles.map((file) => file.split('/')[0]))];
    expect(groups.filter((group) => !known.includes(group ?? ''))).toEqual([]);
  });

  it.each(parsableFiles)('%s parses', (file) => {
    expect(() => JSON.parse(readText(file))).not.toThrow();
  });

  it.each(jsonFiles)('%s ends with one newline', (file) => {
    const text = readText(file);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it.each(jsonFiles)('%s uses 2-space indentation', (file) => {
    const lines = readText(file).split('\n');
    const badLines = lines
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line }) => {
        const indent = /^ */.exec(line)?.[0].length ?? 0;
        return line.startsWith('\t') || indent % 2 !== 0;
      })
      .map(({ number }) => number);
    expect(badLines).toEqual([]);
  });
});

describe('real template fixtures', () => {
  it('keep the expected file names', () => {
    expect(listFixtures('real-templates/**/*.json')).toEqual(
      REAL_TEMPLATE_FILES.map((file) => `real-templates/${file}`).sort(),
    );
  });

  const templateFiles = REAL_TEMPLATE_FILES.filter(
    (file) => !NON_TEMPLATE_SAMPLES.includes(file),
  );

  it.each(templateFiles)('%s has the template shape', (file) => {
    const document = readJson(`real-templates/${file}`);
    expect(isObject(document.job_configuration)).toBe(true);
    expect(isObject(document.variables)).toBe(true);
    expect(isObject((document.variables as JsonObject).properties)).toBe(true);
  });

  it('values-only sample has no job_configuration', () => {
    const document = readJson(`real-templates/${NON_TEMPLATE_SAMPLES[0]}`);
    expect(Object.keys(document)).toEqual(['launch_type', 'aws_credentials']);
  });

  it('empty-variables sample has empty variables', () => {
    const document = readJson(`real-templates/${NON_TEMPLATE_SAMPLES[1]}`);
    expect(document.variables).toEqual({});
    expect(resolvePointer(document, '/job_configuration/launch_type')).toBe(
      'FARGATE',
    );
  });

  it('0.4.14 default keeps its 5.0 number literal', () => {
    const text = readText(
      'real-templates/prefect-default-prefect-aws-0.4.14.json',
    );
    expect(text).toContain('"default": 5.0,');
  });
});

describe('isai prefect.yaml fixture', () => {
  interface Deployment {
    name: string;
    entrypoint: string;
    work_pool: { name: string; job_variables: JsonObject };
  }

  const project = parseYaml(
    readText('real-templates/users/04b-isai-prefect.yaml'),
  ) as { deployments: Deployment[] };
  const deploymentNames = project.deployments.map(
    (deployment) => deployment.name,
  );

  it('lists one JSON file per deployment', () => {
    const files = listFixtures('job-variables/isai/*.json').map((file) =>
      file.replace(/^job-variables\/isai\/(.*)\.json$/, '$1'),
    );
    expect(files).toEqual([...deploymentNames].sort());
    expect(deploymentNames).toHaveLength(7);
  });

  it.each(project.deployments)('$name targets the push pool', (deployment) => {
    expect(deployment.entrypoint).toMatch(/^[\w/]+\.py:\w+$/);
    expect(deployment.work_pool.name).toBe('ecs-push-pool');
  });

  it.each(project.deployments)('$name matches its JSON file', (deployment) => {
    const jobVariables = readJson(`job-variables/isai/${deployment.name}.json`);
    expect(deployment.work_pool.job_variables).toEqual(jobVariables);
  });

  it('keeps the repeated stream prefix', () => {
    const jobVariables = readJson(
      'job-variables/isai/website-enrichment-deployment.json',
    );
    expect(jobVariables.cloudwatch_logs_options).toEqual({
      'awslogs-stream-prefix': 'reconciliation',
    });
  });
});

describe('case fixtures', () => {
  const caseFiles = listFixtures('cases/*.json');
  const cases = caseFiles.map((file) => readJson<CaseFile>(file));

  it('ids match the stored case list', () => {
    expect(caseFiles).toEqual(CASE_IDS.map((id) => `cases/${id}.json`));
    expect(cases.map((testCase) => testCase.id)).toEqual(CASE_IDS);
  });

  it.each(cases)('$id has the required fields', (testCase) => {
    const unknownKeys = Object.keys(testCase).filter(
      (key) => !CASE_KEYS.includes(key),
    );
    expect(unknownKeys).toEqual([]);
    expect(testCase.title.length).toBeGreaterThan(0);
    expect(testCase.notes.length).toBeGreaterThan(0);
    expect(LAYERS).toContain(testCase.layer);
    expect(isObject(testCase.template)).toBe(true);
    expect(Array.isArray(testCase.expect.report)).toBe(true);
    expect(Array.isArray(testCase.expect.notReport)).toBe(true);
  });

  const casesWithTarget = cases.filter(
    (testCase) => testCase.target !== undefined,
  );
  const casesWithJobVariables = cases.filter(
    (testCase) => testCase.jobVariables !== undefined,
  );
  const casesWithPointers = cases.filter((testCase) =>
    testCase.expect.report.some((entry) => entry.pointer !== undefined),
  );

  it.each(casesWithTarget)('$id has a valid target', (testCase) => {
    const { worker, prefectAws } = testCase.target ?? {};
    expect(['hybrid', 'push']).toContain(worker);
    if (worker === 'hybrid') expect(prefectAws).toMatch(/^\d+\.\d+\.\d+$/);
    else expect(prefectAws).toBeUndefined();
  });

  it.each(casesWithJobVariables)(
    '$id job variables are objects',
    (testCase) => {
      const scenarios = testCase.jobVariables ?? [];
      expect(scenarios.length).toBeGreaterThan(0);
      expect(scenarios.every(isObject)).toBe(true);
    },
  );

  it.each(cases)('$id reports known rule ids', (testCase) => {
    for (const entry of testCase.expect.report) {
      expect(RULE_IDS).toContain(entry.ruleId);
      if (entry.severity !== undefined) {
        expect(SEVERITIES).toContain(entry.severity);
      }
    }
    for (const ruleId of testCase.expect.notReport) {
      expect(RULE_IDS).toContain(ruleId);
    }
  });

  it.each(casesWithPointers)(
    '$id pointers resolve in the template',
    (testCase) => {
      const dangling = testCase.expect.report
        .map((entry) => entry.pointer)
        .filter((pointer): pointer is string => pointer !== undefined)
        .filter(
          (pointer) => resolvePointer(testCase.template, pointer) === undefined,
        );
      expect(dangling).toEqual([]);
    },
  );

  it.each(cases)('$id report and notReport are disjoint', (testCase) => {
    const reported = testCase.expect.report.map((entry) => entry.ruleId);
    const overlap = testCase.expect.notReport.filter((ruleId) =>
      reported.includes(ruleId),
    );
    expect(overlap).toEqual([]);
  });

  it('only C12 gives a fixed template', () => {
    const withFix = cases.filter(
      (testCase) => testCase.expect.fixed !== undefined,
    );
    expect(withFix.map((testCase) => testCase.id)).toEqual(['C12']);
    const fixed = withFix[0]?.expect.fixed;
    expect(resolvePointer(fixed, '/variables/properties/cpu/default')).toBe(
      512,
    );
    expect(resolvePointer(fixed, '/variables/properties/memory/default')).toBe(
      1024,
    );
  });
});

describe('job variable fixtures', () => {
  const defaultTemplate = readJson(
    'real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
  );
  const declared = Object.keys(
    (defaultTemplate.variables as { properties: JsonObject }).properties,
  );

  it('EC2 capacity provider sets one provider', () => {
    const jobVariables = readJson('job-variables/ec2-capacity-provider.json');
    expect(jobVariables.capacity_provider_strategy).toEqual([
      { capacityProvider: 'example-asg-provider', weight: 1, base: 0 },
    ]);
    expect(jobVariables.cluster).toBe('example-ec2-cluster');
    expect(
      Object.keys(jobVariables).filter((key) => !declared.includes(key)),
    ).toEqual([]);
  });

  it('FARGATE_SPOT sets only the launch type', () => {
    const jobVariables = readJson('job-variables/fargate-spot.json');
    expect(jobVariables).toEqual({ launch_type: 'FARGATE_SPOT' });
    expect(
      resolvePointer(defaultTemplate, '/variables/properties/launch_type/enum'),
    ).toContain('FARGATE_SPOT');
  });
});

describe('work pool fixtures', () => {
  it('push pool wraps the working push template', () => {
    const pool = readJson('work-pools/ecs-push-pool.json');
    expect(pool.name).toBe('example-push-pool');
    expect(pool.type).toBe('ecs:push');
    expect(pool.base_job_template).toEqual(
      readJson('real-templates/users/10-ffmpeg-push-pool-v4-working.json'),
    );
  });

  it('hybrid pool wraps the 0.7.11 default', () => {
    const pool = readJson('work-pools/ecs-hybrid-pool.json');
    expect(pool.name).toBe('example-hybrid-pool');
    expect(pool.type).toBe('ecs');
    expect(pool.base_job_template).toEqual(
      readJson(
        'real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
      ),
    );
  });
});

describe('non-template and invalid fixtures', () => {
  it('package-like JSON has no template keys', () => {
    const document = readJson('not-templates/package-like.json');
    expect(document).not.toHaveProperty('job_configuration');
    expect(document).not.toHaveProperty('variables');
    expect(isObject(document.compilerOptions)).toBe(true);
  });

  it('trailing comma fails at line 14', () => {
    const text = readText(TRAILING_COMMA_FILE);
    let failure: unknown;
    try {
      parseJsonAst(text);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ line: 14, column: 5 });
    expect(text.split('\n')[12]).toMatch(
      /"launchType": "\{\{ launch_type \}\}",$/,
    );
  });

  it('trailing comma is the only defect', () => {
    const text = readText(TRAILING_COMMA_FILE);
    const tolerant = () =>
      parseJsonAst(text, { mode: 'jsonc', allowTrailingCommas: true });
    expect(tolerant).not.toThrow();
  });

  it('duplicate launchType keeps both members', () => {
    const document = parseJsonAst(readText('invalid/duplicate-keys.json'));
    const taskRunRequest = memberNamed(document.body, 'job_configuration')
      .flatMap((member) => memberNamed(member.value, 'task_run_request'))
      .at(0);
    expect(taskRunRequest).toBeDefined();
    const launchTypes = memberNamed(taskRunRequest!.value, 'launchType');
    expect(launchTypes.map((member) => member.loc.start.line)).toEqual([
      13, 14,
    ]);
  });

  it('duplicate launchType parses to the last value', () => {
    const document = readJson('invalid/duplicate-keys.json');
    expect(
      resolvePointer(
        document,
        '/job_configuration/task_run_request/launchType',
      ),
    ).toBe('FARGATE');
  });
});
