import type {
  DocumentLocation,
  RuleContext,
  Scenario,
} from '../linter/types.js';
import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import { createRule } from './utils/create-rule.js';
import {
  CLUSTER,
  describeImageProblem,
  REPOSITORY_CREDENTIALS,
  ROLE_ARN,
  ROLE_ARN_OR_NAME,
  SECRET_REFERENCE,
  TASK_DEFINITION,
  VPC_ID,
  type IdentifierKind,
} from './utils/valid-aws-identifiers.js';

/** One rendered value to check, by its pointer relative to `job_configuration`. */
interface IdentifierField {
  pointer: string;
  field: string;
  kind: IdentifierKind;
}

// Subnet and security group ids inside network configurations are checked
// by valid-network-configuration.
const JOB_FIELDS: IdentifierField[] = [
  {
    pointer: '/execution_role_arn',
    field: 'execution_role_arn',
    kind: ROLE_ARN,
  },
  {
    pointer: '/task_run_request/overrides/taskRoleArn',
    field: 'overrides.taskRoleArn',
    kind: ROLE_ARN,
  },
  {
    pointer: '/task_run_request/overrides/executionRoleArn',
    field: 'overrides.executionRoleArn',
    kind: ROLE_ARN,
  },
  { pointer: '/cluster', field: 'cluster', kind: CLUSTER },
  {
    pointer: '/task_run_request/cluster',
    field: 'task_run_request.cluster',
    kind: CLUSTER,
  },
  {
    pointer: '/task_run_request/taskDefinition',
    field: 'taskDefinition',
    kind: TASK_DEFINITION,
  },
  { pointer: '/vpc_id', field: 'vpc_id', kind: VPC_ID },
  {
    pointer: '/prefect_api_key_secret_arn',
    field: 'prefect_api_key_secret_arn',
    kind: SECRET_REFERENCE,
  },
  {
    pointer: '/prefect_api_auth_string_secret_arn',
    field: 'prefect_api_auth_string_secret_arn',
    kind: SECRET_REFERENCE,
  },
];

const TASK_DEFINITION_FIELDS: IdentifierField[] = [
  {
    pointer: '/task_definition/taskRoleArn',
    field: 'taskRoleArn',
    kind: ROLE_ARN_OR_NAME,
  },
  {
    pointer: '/task_definition/executionRoleArn',
    field: 'executionRoleArn',
    kind: ROLE_ARN,
  },
];

export default createRule({
  id: 'valid-aws-identifiers',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require well-formed ARNs, image URIs and VPC, subnet and security group ids.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: false,
    messages: {
      malformed: '{{field}} "{{value}}" is not {{expected}}.',
      image: 'Image "{{value}}" {{problem}}.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    const reported = new Set<string>();
    for (const scenario of context.scenarios) {
      for (const field of fieldsOf(scenario)) {
        checkField(context, scenario, field, reported);
      }
      for (const pointer of imagePointers(scenario)) {
        checkImage(context, scenario, pointer, reported);
      }
    }
  },
});

/**
 * Lists the fixed fields plus those inside each container. A task definition
 * that the worker does not register (an existing ARN is used) is skipped.
 */
function fieldsOf(scenario: Scenario): IdentifierField[] {
  if (scenario.prepared.usesExistingTaskDefinition) {
    return JOB_FIELDS;
  }
  const fields = [...JOB_FIELDS, ...TASK_DEFINITION_FIELDS];
  containers(scenario).forEach((container, index) => {
    const base = joinPointer('/task_definition/containerDefinitions', index);
    fields.push(
      ...secretFields(
        container.secrets,
        joinPointer(base, 'secrets'),
        'secrets',
      ),
    );
    const logConfiguration = container.logConfiguration;
    if (isPlainObject(logConfiguration)) {
      fields.push(
        ...secretFields(
          logConfiguration.secretOptions,
          joinPointer(base, 'logConfiguration', 'secretOptions'),
          'logConfiguration.secretOptions',
        ),
      );
    }
    if (isPlainObject(container.repositoryCredentials)) {
      fields.push({
        pointer: joinPointer(
          base,
          'repositoryCredentials',
          'credentialsParameter',
        ),
        field: 'repositoryCredentials.credentialsParameter',
        kind: REPOSITORY_CREDENTIALS,
      });
    }
  });
  return fields;
}

function secretFields(
  secrets: unknown,
  pointer: string,
  field: string,
): IdentifierField[] {
  if (!Array.isArray(secrets)) {
    return [];
  }
  return secrets.map((_, index) => ({
    pointer: joinPointer(pointer, index, 'valueFrom'),
    field: `${field}[].valueFrom`,
    kind: SECRET_REFERENCE,
  }));
}

function imagePointers(scenario: Scenario): string[] {
  if (scenario.prepared.usesExistingTaskDefinition) {
    return [];
  }
  return containers(scenario).map((_, index) =>
    joinPointer('/task_definition/containerDefinitions', index, 'image'),
  );
}

/** Returns the rendered containers, keeping their rendered indices. */
function containers(scenario: Scenario): Record<string, unknown>[] {
  const taskDefinition = scenario.rendered.value.task_definition;
  if (
    !isPlainObject(taskDefinition) ||
    !Array.isArray(taskDefinition.containerDefinitions)
  ) {
    return [];
  }
  return taskDefinition.containerDefinitions.map((item) =>
    isPlainObject(item) ? item : {},
  );
}

function checkField(
  context: RuleContext,
  scenario: Scenario,
  field: IdentifierField,
  reported: Set<string>,
): void {
  const value = checkableText(
    getAtPointer(scenario.rendered.value, field.pointer),
  );
  if (value === undefined || field.kind.isValid(value)) {
    return;
  }
  const at = locateValue(scenario, field.pointer);
  if (!markReported(reported, at)) {
    return;
  }
  context.report({
    messageId: 'malformed',
    data: { field: field.field, value, expected: field.kind.expected },
    at,
    scenario,
  });
}

function checkImage(
  context: RuleContext,
  scenario: Scenario,
  pointer: string,
  reported: Set<string>,
): void {
  const value = checkableText(getAtPointer(scenario.rendered.value, pointer));
  const problem = value === undefined ? undefined : describeImageProblem(value);
  if (value === undefined || problem === undefined) {
    return;
  }
  const at = locateValue(scenario, pointer);
  if (!markReported(reported, at)) {
    return;
  }
  context.report({
    messageId: 'image',
    data: { value, problem },
    at,
    scenario,
  });
}

/**
 * Returns a rendered string that can be judged: not empty, and without leftover
 * placeholder text, which valid-placeholder reports. Unknown and inferred
 * values are objects, so they are skipped too.
 */
function checkableText(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') {
    return undefined;
  }
  if (value.includes('{{') || value.includes('${')) {
    return undefined;
  }
  return value;
}

/**
 * Returns where the value is written. Text built from inline placeholders is
 * reported at the template string, because either its literal part or a
 * variable can make it malformed.
 */
function locateValue(scenario: Scenario, pointer: string): DocumentLocation {
  const origin = scenario.rendered.originOf(pointer);
  if (origin?.inline) {
    return { document: '', pointer: origin.templatePointer };
  }
  return scenario.locate(pointer);
}

/** Records a location and returns whether it was new, so one value is reported once. */
function markReported(reported: Set<string>, at: DocumentLocation): boolean {
  const key = `${at.document}\u0000${at.pointer}`;
  if (reported.has(key)) {
    return false;
  }
  reported.add(key);
  return true;
}
