import { applyToValue } from '../fix/apply-patch.js';
import { isPlainObject } from '../parse/pointer.js';
import type { AssignPublicIp } from '../aws/index.js';
import type { CapacityProviderItem } from '../transforms/capacity-providers.js';
import { transformsById, TransformError, type TransformId } from '../transforms/index.js';
import { defaultTemplate } from './default-template.js';

/** Changes that `prefect-ecs-lint init` can make to the default template. */
export interface InitPresetOptions {
  /** `EC2`, or `FARGATE` (the default template's own launch type). */
  launchType?: 'EC2' | 'FARGATE';
  capacityProviders?: CapacityProviderItem[];
  executionRoleArn?: string;
  networkMode?: 'bridge' | 'awsvpc';
  subnets?: string[];
  securityGroups?: string[];
  vpcId?: string;
  assignPublicIp?: AssignPublicIp;
  /** A template for an `ecs:push` work pool instead of a hybrid worker. */
  push?: boolean;
}

export interface InitPresetResult {
  template: Record<string, unknown>;
  /** Notes of every step, in the order the steps ran. */
  notes: string[];
}

/**
 * Builds a template from the embedded prefect-aws 0.7.11 default by running
 * the transforms that the options request. The order is fixed: the push
 * changes, then the capacity (launch type EC2 or a strategy, with its
 * network settings) or else the network configuration alone, then the
 * execution role. Throws TransformError for options that contradict each
 * other.
 */
export function buildPresetTemplate(options: InitPresetOptions = {}): InitPresetResult {
  checkCombination(options);
  let template = defaultTemplate();
  const notes: string[] = [];
  const run = (id: TransformId, transformOptions: unknown): void => {
    const transform = transformsById.get(id);
    if (!transform) {
      throw new Error(`The ${id} transform is not registered.`);
    }
    const result = transform.apply(template, transformOptions);
    template = applyToValue(template, result.patch) as Record<string, unknown>;
    notes.push(...result.notes);
  };

  if (options.push) {
    notes.push(...applyPushChanges(template));
  }
  const network = networkOptions(options);
  if (options.capacityProviders && options.capacityProviders.length > 0) {
    run('use-capacity-provider-strategy', { ...network, providers: options.capacityProviders });
  } else if (options.launchType === 'EC2') {
    run('use-ec2-launch-type', network);
  } else if (options.subnets && options.subnets.length > 0) {
    run('set-network-configuration', { ...network, subnets: options.subnets });
  }
  if (options.executionRoleArn !== undefined) {
    run('set-execution-role', { executionRoleArn: options.executionRoleArn });
  }
  return { template, notes };
}

function networkOptions(options: InitPresetOptions): Record<string, unknown> {
  const network: Record<string, unknown> = {};
  for (const key of ['networkMode', 'subnets', 'securityGroups', 'vpcId', 'assignPublicIp'] as const) {
    if (options[key] !== undefined) {
      network[key] = options[key];
    }
  }
  return network;
}

function checkCombination(options: InitPresetOptions): void {
  const strategy = (options.capacityProviders?.length ?? 0) > 0;
  if (strategy && options.launchType !== undefined) {
    throw new TransformError(
      'invalid-option',
      `Give either a launch type (${options.launchType}) or capacity providers, not both: AWS rejects a RunTask request that has both.`,
    );
  }
  if (strategy && options.push) {
    throw new TransformError(
      'invalid-option',
      'Push pools cannot use capacity providers: Prefect Cloud\'s push executor adds launchType FARGATE next to the strategy and AWS rejects the run. Leave out --push to get a template for a hybrid worker.',
    );
  }
  const awsvpcSettings = options.securityGroups !== undefined || options.vpcId !== undefined;
  if (awsvpcSettings && (options.subnets?.length ?? 0) === 0) {
    throw new TransformError(
      'invalid-option',
      'Security groups and a VPC belong to an awsvpc network configuration, which also needs subnets: add --subnet ID.',
    );
  }
  const fargate = !strategy && options.launchType !== 'EC2';
  if (fargate && options.networkMode === 'bridge') {
    throw new TransformError(
      'invalid-option',
      'Fargate runs tasks in awsvpc mode only: --network-mode bridge needs --launch-type EC2 or Auto Scaling group capacity providers.',
    );
  }
}

/**
 * Removes the capacity provider strategy for a push pool, with its variable
 * and CapacityProvider definition. Prefect Cloud's push executor adds
 * launchType FARGATE next to a strategy, so AWS would reject the run of a
 * deployment that set one.
 */
function applyPushChanges(template: Record<string, unknown>): string[] {
  const jobConfiguration = template.job_configuration as Record<string, unknown>;
  const runRequest = jobConfiguration.task_run_request as Record<string, unknown>;
  delete runRequest.capacityProviderStrategy;
  const variables = template.variables as Record<string, unknown>;
  delete (variables.properties as Record<string, unknown>).capacity_provider_strategy;
  if (isPlainObject(variables.definitions)) {
    delete variables.definitions.CapacityProvider;
  }
  return [
    'Removed task_run_request.capacityProviderStrategy and the capacity_provider_strategy variable: push pools send launchType FARGATE next to a strategy, which AWS rejects.',
    'A push pool has no AWS identity of its own: set the aws_credentials default to your AWS Credentials block, as {"$ref": {"block_document_id": "<id>"}}, before creating the pool.',
  ];
}
