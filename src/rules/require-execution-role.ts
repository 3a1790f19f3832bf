import { classifyImage } from '../aws/identifiers.js';
import { isPlainObject } from '../parse/pointer.js';
import type { PatchOperation, RuleContext, Scenario } from '../linter/types.js';
import { isUnknown } from '../render/unknown.js';
import { containerList, isTruthy } from '../worker/prepare.js';
import { createRule } from './utils/create-rule.js';
import { scenarioCapacity } from './utils/capacity.js';
import { declareVariablesOperations, hasDefault } from './utils/variables.js';

const TASK_DEFINITION = '/job_configuration/task_definition';

/** The reason a scenario's task needs an execution role, as the message names it. */
interface RoleNeed {
  reason: string;
}

export default createRule({
  id: 'require-execution-role',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require an execution role when the task pulls from private ECR, logs to CloudWatch, or reads secrets or registry credentials.',
    },
    levels: ['error'],
    fixable: true,
    hasSuggestions: true,
    messages: {
      missing:
        'The task needs an execution role because {{reason}}, but no scenario sets executionRoleArn on the task definition.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    const registered = context.scenarios.filter((scenario) => scenario.prepared.taskDefinition !== undefined);
    const anyRole = registered.some((scenario) => isTruthy(scenario.prepared.taskDefinition?.executionRoleArn));
    if (anyRole) {
      return;
    }
    for (const scenario of registered) {
      const need = roleNeed(scenario);
      if (need) {
        reportMissing(context, scenario, need);
        return;
      }
    }
  },
});

function roleNeed(scenario: Scenario): RoleNeed | undefined {
  const taskDefinition = scenario.prepared.taskDefinition ?? {};
  const capacity = scenarioCapacity(scenario);
  const fargateLike = capacity === 'FARGATE' || capacity === 'EXTERNAL';
  const containers = containerList(taskDefinition);

  if (isTruthy(scenario.rendered.value.configure_cloudwatch_logs) && !isUnknown(scenario.rendered.value.configure_cloudwatch_logs)) {
    return { reason: 'configure_cloudwatch_logs is enabled' };
  }
  for (const container of containers) {
    const name = typeof container.name === 'string' ? container.name : 'a container';
    if (isTruthy(container.secrets)) {
      return { reason: `container "${name}" reads secrets` };
    }
    if (isTruthy(container.repositoryCredentials)) {
      return { reason: `container "${name}" uses repositoryCredentials` };
    }
    if (fargateLike && typeof container.image === 'string' && classifyImage(container.image).registry === 'private-ecr') {
      return { reason: `image ${container.image} is in private ECR and the task runs on ${capacity}` };
    }
    const logConfiguration = container.logConfiguration;
    if (capacity === 'FARGATE' && isPlainObject(logConfiguration) && logConfiguration.logDriver === 'awslogs') {
      return { reason: `container "${name}" logs with the awslogs driver on Fargate` };
    }
  }
  return undefined;
}

function reportMissing(context: RuleContext, scenario: Scenario, need: RoleNeed): void {
  const rolePointer = context.pointer(`${TASK_DEFINITION}/executionRoleArn`);
  const hasRoleKey = context.document.has(rolePointer);
  const at = hasRoleKey
    ? rolePointer
    : context.document.has(context.pointer(TASK_DEFINITION))
      ? context.pointer(TASK_DEFINITION)
      : context.pointer('/job_configuration');
  const wiring = hasRoleKey ? [] : wiringOperations(context);
  const wiringGivesValue = hasDefault(context.template, 'execution_role_arn');

  context.report({
    messageId: 'missing',
    data: { reason: need.reason },
    at,
    scenario,
    fix: wiring.length > 0 && wiringGivesValue ? wiring : undefined,
    suggest:
      wiring.length > 0 && !wiringGivesValue
        ? [{ desc: 'Read executionRoleArn from the execution_role_arn variable.', patch: wiring }]
        : undefined,
  });
}

/** Adds `"executionRoleArn": "{{ execution_role_arn }}"` and declares the variable; never invents an ARN. */
function wiringOperations(context: RuleContext): PatchOperation[] {
  const taskDefinition = context.template.jobConfiguration?.task_definition;
  if (!isPlainObject(taskDefinition)) {
    return [];
  }
  return [
    {
      op: 'add',
      path: context.pointer(`${TASK_DEFINITION}/executionRoleArn`),
      value: '{{ execution_role_arn }}',
    },
    ...declareVariablesOperations(context.template, ['execution_role_arn']),
  ];
}
