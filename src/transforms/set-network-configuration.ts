import type { AssignPublicIp } from '../aws/index.js';
import { renderTemplate } from '../preview.js';
import { strategyKind } from '../rules/utils/capacity.js';
import { TemplateDraft } from './draft.js';
import {
  applyAwsvpcConfiguration,
  ASSIGN_PUBLIC_IP_OPTION,
  checkAwsvpcSettings,
  parseNetworkCliOptions,
  SECURITY_GROUP_OPTION,
  SUBNET_OPTION,
  VPC_OPTION,
} from './network.js';
import { TransformError, type Transform } from './types.js';

export interface SetNetworkConfigurationOptions {
  subnets: string[];
  securityGroups?: string[];
  /** Needed unless `vpc_id` already has a default. */
  vpcId?: string;
  /** The current default's value when omitted, else DISABLED. */
  assignPublicIp?: AssignPublicIp;
}

export const setNetworkConfiguration: Transform<SetNetworkConfigurationOptions> = {
  id: 'set-network-configuration',
  description:
    'Declare network_configuration and vpc_id with the given subnets, security groups and VPC as defaults, and wire both into job_configuration so the worker sends that awsvpc configuration.',
  options: [{ ...SUBNET_OPTION, required: true }, SECURITY_GROUP_OPTION, VPC_OPTION, ASSIGN_PUBLIC_IP_OPTION],
  parseCliOptions(values) {
    const { networkMode: _unused, subnets, ...rest } = parseNetworkCliOptions(values);
    if (!subnets || subnets.length === 0) {
      throw new TransformError('invalid-option', 'set-network-configuration needs at least one --subnet ID.');
    }
    return { ...rest, subnets };
  },
  apply(document, options) {
    if (!Array.isArray(options?.subnets) || options.subnets.length === 0) {
      throw new TransformError('invalid-option', 'set-network-configuration needs at least one subnet.');
    }
    const settings = checkAwsvpcSettings(options);
    const runsOn = defaultsCapacity(document);
    const draft = TemplateDraft.open(document);
    if (settings.assignPublicIp === 'ENABLED' && runsOn.capacity === 'ec2') {
      throw new TransformError(
        'invalid-option',
        `The template runs tasks on ${runsOn.description}, and AWS gives a public IP only to Fargate tasks. Leave out --assign-public-ip or use DISABLED.`,
      );
    }
    applyAwsvpcConfiguration(draft, settings, runsOn.capacity !== 'ec2');
    if (runsOn.networkMode !== undefined && runsOn.networkMode !== 'awsvpc') {
      draft.note(
        `The task definition uses network mode "${runsOn.networkMode}", so the worker sends no network configuration until it uses awsvpc.`,
      );
    }
    return draft.result();
  },
};

interface DefaultsCapacity {
  capacity: 'fargate' | 'ec2' | 'unknown';
  description: string;
  /** The registered task definition's network mode, when the template registers one. */
  networkMode: unknown;
}

/**
 * Classifies where the defaults scenario runs, from the RunTask request the
 * worker would send: the strategy's providers, else the launch type.
 */
function defaultsCapacity(document: unknown): DefaultsCapacity {
  const [defaults] = renderTemplate(document);
  const request = defaults?.runTask ?? {};
  const networkMode = defaults?.registerTaskDefinition?.networkMode;
  const kind = strategyKind(request.capacityProviderStrategy);
  if (kind === 'fargate') {
    return { capacity: 'fargate', description: 'Fargate capacity providers', networkMode };
  }
  if (kind === 'auto-scaling-group') {
    return { capacity: 'ec2', description: 'Auto Scaling group capacity providers', networkMode };
  }
  if (kind !== undefined) {
    return { capacity: 'unknown', description: 'a capacity provider strategy', networkMode };
  }
  const launchType = request.launchType;
  if (launchType === 'FARGATE') {
    return { capacity: 'fargate', description: 'Fargate', networkMode };
  }
  if (launchType === 'EC2' || launchType === 'EXTERNAL' || launchType === 'MANAGED_INSTANCES') {
    return { capacity: 'ec2', description: `launch type ${launchType}`, networkMode };
  }
  return { capacity: 'unknown', description: 'the cluster default', networkMode };
}
