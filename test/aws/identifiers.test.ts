import { describe, expect, it } from 'vitest';

import {
  AWS_PARTITIONS,
  IMAGE_REFERENCE_MAX_LENGTH,
  PRIVATE_ECR_HOST_PATTERN,
  PUBLIC_ECR_HOST,
  classifyCapacityProvider,
  classifyImage,
  classifyTaskDefinitionReference,
  isContainerName,
  isEcsClusterArn,
  isEcsClusterName,
  isEcsClusterReference,
  isIamRoleArn,
  isIamRoleName,
  isSecretsManagerSecretArn,
  isSecurityGroupId,
  isSsmParameterArn,
  isSubnetId,
  isTaskDefinitionArn,
  isTaskDefinitionFamily,
  isVpcId,
  validateImageReference,
} from '../../src/aws/identifiers.js';

const ACCOUNT = '123456789012';
const name255 = 'a'.repeat(255);
const name256 = 'a'.repeat(256);
const hex64 = 'ab'.repeat(32);

describe('isIamRoleArn', () => {
  it.each([
    `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    `arn:aws:iam::${ACCOUNT}:role/service-role/ecsTaskExecutionRole`,
    `arn:aws:iam::${ACCOUNT}:role/a/b/c/my-role`,
    `arn:aws-cn:iam::${ACCOUNT}:role/r`,
    `arn:aws-us-gov:iam::${ACCOUNT}:role/r`,
    `arn:aws-iso:iam::${ACCOUNT}:role/r`,
    `arn:aws-iso-b:iam::${ACCOUNT}:role/r`,
    `arn:aws-iso-f:iam::${ACCOUNT}:role/r`,
    `arn:aws:iam::${ACCOUNT}:role/name+=,.@_-chars`,
    `arn:aws:iam::${ACCOUNT}:role/${'r'.repeat(64)}`,
  ])('accepts %s', (arn) => {
    expect(isIamRoleArn(arn)).toBe(true);
  });

  it.each([
    ['region in the ARN', `arn:aws:iam:us-east-1:${ACCOUNT}:role/r`],
    ['11-digit account', 'arn:aws:iam::12345678901:role/r'],
    ['13-digit account', 'arn:aws:iam::1234567890123:role/r'],
    ['unknown partition', `arn:aws-mars:iam::${ACCOUNT}:role/r`],
    ['user, not role', `arn:aws:iam::${ACCOUNT}:user/r`],
    ['role name of 65', `arn:aws:iam::${ACCOUNT}:role/${'r'.repeat(65)}`],
    ['empty role name', `arn:aws:iam::${ACCOUNT}:role/`],
    ['space in name', `arn:aws:iam::${ACCOUNT}:role/my role`],
    ['wrong service', `arn:aws:sts::${ACCOUNT}:role/r`],
    ['path over 512', `arn:aws:iam::${ACCOUNT}:role/${'p'.repeat(511)}/r`],
    ['bare role name', 'ecsTaskExecutionRole'],
    ['placeholder', '{{ execution_role_arn }}'],
    ['not a string', 42],
  ])('rejects %s', (_, arn) => {
    expect(isIamRoleArn(arn)).toBe(false);
  });

  it('accepts a path of 512 characters', () => {
    const path = `/${'p'.repeat(510)}/`;
    expect(isIamRoleArn(`arn:aws:iam::${ACCOUNT}:role${path}r`)).toBe(true);
  });
});

describe('isIamRoleName', () => {
  it.each([
    ['ecsTaskRole', true],
    ['a+b=c,d.e@f_g-h', true],
    ['r'.repeat(64), true],
    ['r'.repeat(65), false],
    ['', false],
    ['with/slash', false],
  ])('classifies %j as %s', (value, expected) => {
    expect(isIamRoleName(value)).toBe(expected);
  });
});

describe('ECS cluster identifiers', () => {
  it.each([
    ['default', true],
    ['prod_cluster-1', true],
    [name255, true],
    [name256, false],
    ['', false],
    ['prod.cluster', false],
    ['prod cluster', false],
  ])('isEcsClusterName(%j) is %s', (value, expected) => {
    expect(isEcsClusterName(value)).toBe(expected);
  });

  it.each([
    [`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`, true],
    [`arn:aws-cn:ecs:cn-north-1:${ACCOUNT}:cluster/prod`, true],
    [`arn:aws-us-gov:ecs:us-gov-west-1:${ACCOUNT}:cluster/prod`, true],
    [`arn:aws-iso-b:ecs:us-isob-east-1:${ACCOUNT}:cluster/prod`, true],
    [`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${name255}`, true],
    [`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${name256}`, false],
    [`arn:aws:ecs::${ACCOUNT}:cluster/prod`, false],
    [`arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod`, false],
    [`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/`, false],
    ['prod', false],
  ])('isEcsClusterArn(%j) is %s', (value, expected) => {
    expect(isEcsClusterArn(value)).toBe(expected);
  });

  it.each([
    ['prod', true],
    [`arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod`, true],
    ['{{ cluster }}', false],
    [null, false],
  ])('isEcsClusterReference(%j) is %s', (value, expected) => {
    expect(isEcsClusterReference(value)).toBe(expected);
  });
});

describe('task definition identifiers', () => {
  const arn = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition`;

  it.each([
    [`${arn}/prefect:3`, { form: 'arn', family: 'prefect', revision: 3 }],
    [`${arn}/prefect`, { form: 'arn', family: 'prefect' }],
    [
      'prefect:12',
      { form: 'family-revision', family: 'prefect', revision: 12 },
    ],
    ['prefect_flow-run', { form: 'family', family: 'prefect_flow-run' }],
    [name255, { form: 'family', family: name255 }],
  ])('classifies %s', (value, expected) => {
    expect(classifyTaskDefinitionReference(value)).toEqual(expected);
  });

  it.each([
    ['revision 0', 'prefect:0'],
    ['non-numeric revision', 'prefect:latest'],
    ['ARN with revision 0', `${arn}/prefect:0`],
    ['ARN with wildcard', `${arn}/prefect:*`],
    ['family of 256', name256],
    ['dot in family', 'my.family'],
    ['empty string', ''],
    ['placeholder', '{{ task_definition_arn }}'],
    ['number', 3],
  ])('rejects %s', (_, value) => {
    expect(classifyTaskDefinitionReference(value)).toBeUndefined();
  });

  it.each([
    [`${arn}/prefect:1`, true],
    [`arn:aws-cn:ecs:cn-northwest-1:${ACCOUNT}:task-definition/f:9`, true],
    ['prefect:1', false],
    [`arn:aws:ecs:us-east-1:${ACCOUNT}:task/prefect:1`, false],
  ])('isTaskDefinitionArn(%j) is %s', (value, expected) => {
    expect(isTaskDefinitionArn(value)).toBe(expected);
  });

  it.each([
    ['prefect', true],
    ['Prefect_Flow-1', true],
    [name255, true],
    [name256, false],
    ['', false],
    ['prefect:1', false],
    ['pre fect', false],
  ])('isTaskDefinitionFamily(%j) is %s', (value, expected) => {
    expect(isTaskDefinitionFamily(value)).toBe(expected);
  });
});

describe('isContainerName', () => {
  it.each([
    ['prefect', true],
    ['log_router-1', true],
    [name255, true],
    [name256, false],
    ['', false],
    ['my.container', false],
    ['my container', false],
    [undefined, false],
  ])('classifies %j as %s', (value, expected) => {
    expect(isContainerName(value)).toBe(expected);
  });
});

describe('classifyCapacityProvider', () => {
  it.each([
    ['FARGATE', 'fargate'],
    ['FARGATE_SPOT', 'fargate'],
    ['my-asg-provider', 'custom'],
    ['prod_ec2', 'custom'],
    [name255, 'custom'],
    [name256, 'invalid'],
    ['fargate', 'invalid'],
    ['Fargate_custom', 'invalid'],
    ['FARGATE_ARM', 'invalid'],
    ['aws-provider', 'invalid'],
    ['AWSProvider', 'invalid'],
    ['ecs-provider', 'invalid'],
    ['Ecs_provider', 'invalid'],
    ['my provider', 'invalid'],
    ['', 'invalid'],
    [null, 'invalid'],
  ])('classifies %j as %s', (name, kind) => {
    expect(classifyCapacityProvider(name)).toBe(kind);
  });

  it('allows reserved words after the start', () => {
    expect(classifyCapacityProvider('my-fargate-aws-ecs')).toBe('custom');
  });
});

describe('secret ARNs', () => {
  const secretArn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret`;

  it.each([
    [`${secretArn}:prefect-api-key-AbC123`, true],
    [`${secretArn}:prod/db/password-a1b2c3`, true],
    [`${secretArn}:name+=.@_-x-a1b2c3`, true],
    [`${secretArn}:db-a1b2c3:username::`, true],
    [`${secretArn}:db-a1b2c3:username:AWSCURRENT:`, true],
    [`${secretArn}:db-a1b2c3::AWSPREVIOUS:`, true],
    [`${secretArn}:db-a1b2c3:::0123-version-id`, true],
    [`arn:aws-cn:secretsmanager:cn-north-1:${ACCOUNT}:secret:k-a1b2c3`, true],
    [`${secretArn}:a1b2c3`, false],
    [`${secretArn}:db-a1b2c`, false],
    [`${secretArn}:db-a1b2c3:username`, false],
    [`${secretArn}:db-a1b2c3:username:AWSCURRENT`, false],
    [`${secretArn}:db-a1b2c3:a:b:c:d`, false],
    [`arn:aws:secretsmanager::${ACCOUNT}:secret:db-a1b2c3`, false],
    [`arn:aws:ssm:us-east-1:${ACCOUNT}:secret:db-a1b2c3`, false],
    ['db-a1b2c3', false],
  ])('isSecretsManagerSecretArn(%j) is %s', (value, expected) => {
    expect(isSecretsManagerSecretArn(value)).toBe(expected);
  });

  it.each([
    [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/prefect-api-key`, true],
    [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/prod/db/pass_word.1`, true],
    [`arn:aws-us-gov:ssm:us-gov-east-1:${ACCOUNT}:parameter/x`, true],
    [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/`, false],
    [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/has space`, false],
    [`arn:aws:ssm:us-east-1:${ACCOUNT}:document/x`, false],
    ['/prod/db/password', false],
  ])('isSsmParameterArn(%j) is %s', (value, expected) => {
    expect(isSsmParameterArn(value)).toBe(expected);
  });
});

describe('EC2 ids', () => {
  const short = '0a1b2c3d';
  const long = '0123456789abcdef0';
  const checks = [
    ['isVpcId', isVpcId, 'vpc'],
    ['isSubnetId', isSubnetId, 'subnet'],
    ['isSecurityGroupId', isSecurityGroupId, 'sg'],
  ] as const;
  const cases = checks.flatMap(([name, check, prefix]) =>
    (
      [
        [`${prefix}-${short}`, true],
        [`${prefix}-${long}`, true],
        [`${prefix}-${short.slice(1)}`, false],
        [`${prefix}-${short}0`, false],
        [`${prefix}-${long.slice(1)}`, false],
        [`${prefix}-${long}0`, false],
        [`${prefix}-${short.toUpperCase()}`, false],
        [`${prefix}-0a1b2c3g`, false],
        [`${prefix}-`, false],
        [short, false],
        [null, false],
      ] as const
    ).map(([id, expected]) => [name, check, id, expected] as const),
  );

  it.each(cases)('%s(%j) is %s', (_, check, id, expected) => {
    expect(check(id)).toBe(expected);
  });

  it.each([
    ['isVpcId', isVpcId, 'subnet-0a1b2c3d'],
    ['isSubnetId', isSubnetId, 'sg-0a1b2c3d'],
    ['isSecurityGroupId', isSecurityGroupId, 'vpc-0a1b2c3d'],
  ] as const)('%s rejects %s', (_, check, id) => {
    expect(check(id)).toBe(false);
  });
});

describe('classifyImage', () => {
  it.each([
    [
      `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/repo:tag`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'us-east-1' },
    ],
    [
      `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/team/flows@sha256:${hex64}`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'eu-west-1' },
    ],
    [
      `${ACCOUNT}.dkr.ecr-fips.us-gov-west-1.amazonaws.com/repo:tag`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'us-gov-west-1' },
    ],
    [
      `${ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn/repo:tag`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'cn-north-1' },
    ],
    [
      `${ACCOUNT}.dkr-ecr.us-east-1.on.aws/repo:tag`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'us-east-1' },
    ],
    [
      `${ACCOUNT}.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn/repo`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'cn-north-1' },
    ],
    [
      `${ACCOUNT}.dkr.ecr.us-iso-east-1.c2s.ic.gov/repo`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'us-iso-east-1' },
    ],
    [
      `${ACCOUNT}.dkr.ecr.us-isob-east-1.sc2s.sgov.gov/repo`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'us-isob-east-1' },
    ],
    [
      `${ACCOUNT}.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk/repo`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'eu-isoe-west-1' },
    ],
    [
      `${ACCOUNT}.dkr.ecr.us-isof-south-1.csp.hci.ic.gov/repo`,
      {
        registry: 'private-ecr',
        accountId: ACCOUNT,
        region: 'us-isof-south-1',
      },
    ],
    [
      `${ACCOUNT}.dkr.ecr.eusc-de-east-1.amazonaws.eu/repo`,
      { registry: 'private-ecr', accountId: ACCOUNT, region: 'eusc-de-east-1' },
    ],
  ])('classifies %s as private ECR', (image, expected) => {
    expect(classifyImage(image)).toEqual(expected);
  });

  it.each([
    ['public.ecr.aws/prefecthq/prefect:3-latest', 'public-ecr'],
    ['public.ecr.aws/alias/repo', 'public-ecr'],
    ['prefecthq/prefect:3-latest', 'other'],
    ['python:3.12', 'other'],
    ['ubuntu', 'other'],
    ['docker.io/prefecthq/prefect:3-latest', 'other'],
    ['ghcr.io/org/image:1.0', 'other'],
    ['quay.io/org/image', 'other'],
    ['{{ image }}', 'other'],
    ['', 'other'],
    // Look-alikes that are not ECR hosts.
    ['public.ecr.aws.example.com/repo', 'other'],
    ['gallery.ecr.aws/alias/repo', 'other'],
    [`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com.evil.io/repo`, 'other'],
    ['12345678901.dkr.ecr.us-east-1.amazonaws.com/repo', 'other'],
    [`${ACCOUNT}.dkr.ecr.us-east-1.example.com/repo`, 'other'],
    [`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`, 'other'],
    [`registry.local/${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/repo`, 'other'],
  ])('classifies %j as %s', (image, registry) => {
    expect(classifyImage(image)).toEqual({ registry });
  });

  it('uses the exact public ECR host', () => {
    expect(PUBLIC_ECR_HOST).toBe('public.ecr.aws');
  });

  it('captures the FIPS marker in the host pattern', () => {
    const host = `${ACCOUNT}.dkr.ecr-fips.us-east-1.amazonaws.com`;
    expect(PRIVATE_ECR_HOST_PATTERN.exec(host)?.groups?.fips).toBe('-fips');
  });
});

describe('validateImageReference', () => {
  it.each([
    'prefecthq/prefect:3-latest',
    `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/repo:tag`,
    `repo@sha256:${hex64}`,
    `repo@sha256:${hex64.toUpperCase()}`,
    `public.ecr.aws/alias/repo:v1@sha256:${hex64}`,
    'registry.example.com:5000/team/image#build',
    'a'.repeat(255),
    `${'a'.repeat(255)}@sha256:${hex64}`,
  ])('accepts %s', (image) => {
    expect(validateImageReference(image)).toEqual([]);
  });

  it('rejects 256 characters', () => {
    expect(validateImageReference('a'.repeat(256))).toEqual([
      { code: 'too-long', length: 256, maxLength: IMAGE_REFERENCE_MAX_LENGTH },
    ]);
  });

  it('counts the length before the digest', () => {
    expect(
      validateImageReference(`${'a'.repeat(256)}@sha256:${hex64}`),
    ).toEqual([{ code: 'too-long', length: 256, maxLength: 255 }]);
  });

  it.each([
    ['sha512', `repo@sha512:${hex64}${hex64}`],
    ['md5', 'repo@md5:abc'],
    ['SHA256', `repo@SHA256:${hex64}`],
  ])('rejects digest algorithm %s', (algorithm, image) => {
    expect(validateImageReference(image)).toEqual([
      { code: 'unsupported-digest-algorithm', algorithm },
    ]);
  });

  it.each([
    ['63 hex digits', `sha256:${hex64.slice(1)}`],
    ['65 hex digits', `sha256:${hex64}0`],
    ['non-hex digit', `sha256:${hex64.slice(1)}g`],
    ['no algorithm', hex64],
    ['empty digest', ''],
  ])('rejects a digest with %s', (_, digest) => {
    expect(validateImageReference(`repo@${digest}`)).toEqual([
      { code: 'invalid-digest', digest },
    ]);
  });

  it.each([
    ['{{ image }}', ['{', ' ', '}']],
    ['repo:tag with space', [' ']],
    ['répo', ['é']],
  ])('reports invalid characters in %j', (image, characters) => {
    expect(validateImageReference(image)).toEqual([
      { code: 'invalid-characters', characters },
    ]);
  });

  it('reports every problem at once', () => {
    const image = `${'a'.repeat(300)}!@sha1:abc`;
    expect(validateImageReference(image)).toEqual([
      { code: 'too-long', length: 301, maxLength: 255 },
      { code: 'invalid-characters', characters: ['!'] },
      { code: 'unsupported-digest-algorithm', algorithm: 'sha1' },
    ]);
  });

  it('reports an empty reference', () => {
    expect(validateImageReference('')).toEqual([{ code: 'empty' }]);
  });
});

describe('AWS_PARTITIONS', () => {
  it('includes the partitions ECS templates name', () => {
    expect(AWS_PARTITIONS).toEqual(
      expect.arrayContaining([
        'aws',
        'aws-cn',
        'aws-us-gov',
        'aws-iso',
        'aws-iso-b',
      ]),
    );
  });
});
