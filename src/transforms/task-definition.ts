import { isFargateLogDriver } from '../aws/index.js';
import { isPlainObject } from '../parse/pointer.js';
import { wholePlaceholderName, type TemplateDraft } from './draft.js';
import { TransformError } from './types.js';

/** The worker's task size when none is given (prefect-aws 0.7.11), in CPU units and MiB. */
const WORKER_DEFAULT_TASK_SIZE = { cpu: 1024, memory: 2048 } as const;

/**
 * Makes the task definition register for EC2 only. A definition that also
 * lists FARGATE must meet Fargate's rules (awsvpc, task-level size), which
 * an EC2 task in bridge mode breaks, so FARGATE is taken out.
 */
export function makeEc2Compatible(draft: TemplateDraft, taskDefinition: Record<string, unknown>): void {
  const compatibilities = taskDefinition.requiresCompatibilities;
  const fits =
    Array.isArray(compatibilities) && compatibilities.includes('EC2') && !compatibilities.includes('FARGATE');
  if (!fits) {
    taskDefinition.requiresCompatibilities = ['EC2'];
    if (compatibilities !== undefined) {
      draft.note(
        `Changed task_definition.requiresCompatibilities from ${JSON.stringify(compatibilities)} to ["EC2"].`,
      );
    }
  }
  if ('ephemeralStorage' in taskDefinition) {
    draft.note(
      'task_definition.ephemeralStorage is a Fargate setting; on EC2 the task uses the container instance\'s storage. It was left in place.',
    );
  }
}

/** RunTask rejects a platform version for anything but Fargate. */
export function removePlatformVersion(draft: TemplateDraft, runRequest: Record<string, unknown>): void {
  if ('platformVersion' in runRequest) {
    delete runRequest.platformVersion;
    draft.note('Removed task_run_request.platformVersion: AWS accepts a platform version only for Fargate.');
  }
}

/**
 * Prepares the task definition for Fargate the way the worker does for
 * launch type FARGATE. With a capacity provider strategy and no launch type
 * the worker leaves the definition as written, so the transform adds FARGATE
 * compatibility, awsvpc and a task-level size (the worker's own 1024/2048
 * when none is set). Container settings that Fargate rejects are removed,
 * except a log driver, which needs the user's choice.
 */
export function makeFargateReady(draft: TemplateDraft, taskDefinition: Record<string, unknown>): void {
  checkFargateLogDrivers(taskDefinition);
  const compatibilities = taskDefinition.requiresCompatibilities;
  if (!Array.isArray(compatibilities)) {
    taskDefinition.requiresCompatibilities = ['FARGATE'];
    if (compatibilities !== undefined) {
      draft.note(`Replaced task_definition.requiresCompatibilities ${JSON.stringify(compatibilities)} with ["FARGATE"].`);
    }
  } else if (!compatibilities.includes('FARGATE')) {
    compatibilities.push('FARGATE');
  }
  if (taskDefinition.networkMode !== 'awsvpc') {
    if (taskDefinition.networkMode !== undefined) {
      draft.note(`Changed task_definition.networkMode from ${JSON.stringify(taskDefinition.networkMode)} to "awsvpc", the only mode Fargate offers.`);
    }
    taskDefinition.networkMode = 'awsvpc';
  }
  ensureTaskSize(draft, taskDefinition);
  removeFargateRejectedSettings(draft, taskDefinition);
}

function checkFargateLogDrivers(taskDefinition: Record<string, unknown>): void {
  for (const container of containers(taskDefinition)) {
    const logConfiguration = container.logConfiguration;
    const driver = isPlainObject(logConfiguration) ? logConfiguration.logDriver : undefined;
    if (typeof driver === 'string' && !isFargateLogDriver(driver) && wholePlaceholderName(driver) === undefined) {
      const name = typeof container.name === 'string' ? container.name : 'a container';
      throw new TransformError(
        'unsupported-template',
        `Container "${name}" logs with the ${driver} driver, which Fargate does not offer. Switch it to awslogs, splunk or awsfirelens before moving the task to Fargate.`,
      );
    }
  }
}

/**
 * Sets the task-level cpu and memory that Fargate needs. A missing key gets
 * the worker's default as a literal. A placeholder whose variable has no
 * default gets that value as its default, so runs keep the size they had.
 */
function ensureTaskSize(draft: TemplateDraft, taskDefinition: Record<string, unknown>): void {
  for (const key of ['cpu', 'memory'] as const) {
    const value = taskDefinition[key];
    const size = WORKER_DEFAULT_TASK_SIZE[key];
    if (value === undefined) {
      taskDefinition[key] = String(size);
      continue;
    }
    const variable = wholePlaceholderName(value);
    if (variable && draft.isDeclared(variable) && draft.defaultOf(variable) === undefined) {
      const schema = draft.property(variable);
      if (schema) {
        schema.default = size;
        draft.note(`Set the default of "${variable}" to ${size}: Fargate needs a task-level ${key} and the worker sets none without a launch type.`);
      }
    }
  }
}

function removeFargateRejectedSettings(draft: TemplateDraft, taskDefinition: Record<string, unknown>): void {
  if ('ipcMode' in taskDefinition) {
    delete taskDefinition.ipcMode;
    draft.note('Removed task_definition.ipcMode: Fargate does not support it.');
  }
  if ('placementConstraints' in taskDefinition) {
    delete taskDefinition.placementConstraints;
    draft.note('Removed task_definition.placementConstraints: Fargate places tasks itself.');
  }
  for (const container of containers(taskDefinition)) {
    if ('hostname' in container) {
      delete container.hostname;
      const name = typeof container.name === 'string' ? container.name : 'a container';
      draft.note(`Removed hostname from container "${name}": awsvpc mode does not support it.`);
    }
  }
  const runRequest = draft.section('task_run_request', false);
  for (const key of ['placementConstraints', 'placementStrategy']) {
    if (runRequest && key in runRequest) {
      delete runRequest[key];
      draft.note(`Removed task_run_request.${key}: Fargate places tasks itself.`);
    }
  }
}

function containers(taskDefinition: Record<string, unknown>): Record<string, unknown>[] {
  const list = taskDefinition.containerDefinitions;
  return Array.isArray(list) ? list.filter(isPlainObject) : [];
}
