import { parseArgs } from 'node:util';

import { buildPresetTemplate, type InitPresetOptions } from '../../init/presets.js';
import { parseProviderSpec } from '../../transforms/capacity-providers.js';
import { TransformError } from '../../transforms/types.js';
import { UsageError } from '../errors.js';
import { EXIT_OK, type CliIo } from '../io.js';

export const INIT_HELP = `Usage: prefect-ecs-lint init [options] > template.json

Prints the default ECS base job template of prefect-aws 0.7.11, changed by
the options below with the same transforms as \`prefect-ecs-lint transform\`.
Notes on what changed go to standard error.

Options:
  --launch-type EC2|FARGATE         EC2: launch type EC2 on the cluster's
                                    container instances, EC2-only task
                                    definition (FARGATE is the default)
  --capacity-provider NAME[:weight[:base]]
                                    Use a capacity provider strategy instead of
                                    a launch type (repeatable; weight 1 and
                                    base 0 by default). FARGATE and FARGATE_SPOT
                                    are Fargate providers, other names Auto
                                    Scaling group providers
  --network-mode bridge|awsvpc      Network mode on EC2 (default: bridge, or
                                    awsvpc when --subnet is given)
  --subnet ID                       Subnet for awsvpc networking (repeatable)
  --security-group ID               Security group for awsvpc (repeatable)
  --vpc ID                          VPC of the subnets (needed with --subnet)
  --assign-public-ip ENABLED|DISABLED
                                    Public IP for Fargate tasks (default
                                    DISABLED; EC2 tasks never get one)
  --execution-role ARN              IAM role ECS uses to start the task
  --push                            A template for an ecs:push work pool: no
                                    capacity provider strategy
  -h, --help                        Show this help

Lint the result with --target push when you used --push.
`;

/** `prefect-ecs-lint init`: prints the default template or a preset built from it. */
export async function runInit(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'launch-type': { type: 'string' },
      'capacity-provider': { type: 'string', multiple: true },
      'network-mode': { type: 'string' },
      subnet: { type: 'string', multiple: true },
      'security-group': { type: 'string', multiple: true },
      vpc: { type: 'string' },
      'assign-public-ip': { type: 'string' },
      'execution-role': { type: 'string' },
      push: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(INIT_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `Unexpected argument "${positionals[0]}" for init: it takes only options and prints the template. Redirect the output to a file instead.`,
    );
  }

  const options: InitPresetOptions = {
    launchType: parseLaunchType(values['launch-type']),
    capacityProviders: usage(() => values['capacity-provider']?.map(parseProviderSpec)),
    executionRoleArn: values['execution-role'],
    networkMode: parseNetworkMode(values['network-mode']),
    subnets: values.subnet,
    securityGroups: values['security-group'],
    vpcId: values.vpc,
    assignPublicIp: parseAssignPublicIp(values['assign-public-ip']),
    push: values.push ?? false,
  };
  const { template, notes } = usage(() => buildPresetTemplate(options));
  io.stdout(JSON.stringify(template, null, 2) + '\n');
  for (const note of notes) {
    io.stderr(`prefect-ecs-lint: note: ${note}\n`);
  }
  return EXIT_OK;
}

/** Runs `build` and reports a TransformError as a usage error (exit code 2). */
function usage<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof TransformError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function parseLaunchType(value: string | undefined): InitPresetOptions['launchType'] {
  if (value === undefined || value === 'EC2' || value === 'FARGATE') {
    return value;
  }
  throw new UsageError(
    `Invalid --launch-type "${value}": use EC2 or FARGATE. For FARGATE_SPOT use --capacity-provider FARGATE_SPOT.`,
  );
}

function parseNetworkMode(value: string | undefined): InitPresetOptions['networkMode'] {
  if (value === undefined || value === 'bridge' || value === 'awsvpc') {
    return value;
  }
  throw new UsageError(`Invalid --network-mode "${value}": use bridge or awsvpc.`);
}

function parseAssignPublicIp(value: string | undefined): InitPresetOptions['assignPublicIp'] {
  if (value === undefined || value === 'ENABLED' || value === 'DISABLED') {
    return value;
  }
  throw new UsageError(`Invalid --assign-public-ip "${value}": use ENABLED or DISABLED.`);
}
