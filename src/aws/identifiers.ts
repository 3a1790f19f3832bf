/**
 * Patterns for AWS names, ARNs and ids that appear in ECS templates, and
 * classifiers built on them. Every pattern is anchored and matches the whole
 * value. A mismatch means AWS will probably reject the value, but several
 * formats are looser in practice than documented, so rules should report a
 * mismatch as a warning unless the rule defines it as an error.
 */

import { isFargateProvider } from './limits.js';

/**
 * AWS partitions that can appear in an ARN. The last three (ISO-E, ISO-F
 * and the European Sovereign Cloud) come from the AWS SDK partition
 * metadata and are newer than most ARN examples.
 */
export const AWS_PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;

const PARTITION = `(?<partition>${AWS_PARTITIONS.join('|')})`;
// Region codes such as us-east-1, us-gov-west-1, us-isob-east-1 and
// eusc-de-east-1.
const REGION = '(?<region>[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2})';
const ACCOUNT_ID = '(?<accountId>\\d{12})';
// ECS names of clusters, task definition families and containers: letters,
// digits, underscores and hyphens, 1 to 255 characters (ECS API reference,
// CreateCluster clusterName and RegisterTaskDefinition family).
const ECS_NAME = '[A-Za-z0-9_-]{1,255}';

function anchored(source: string): RegExp {
  return new RegExp(`^${source}$`);
}

function ecsArnPrefix(resource: string): string {
  return `arn:${PARTITION}:ecs:${REGION}:${ACCOUNT_ID}:${resource}/`;
}

// ---------------------------------------------------------------------------
// IAM roles

/**
 * IAM role ARN: `arn:<partition>:iam::<account>:role<path><name>`. The region
 * field is always empty. The path is `/` or `/<printable ASCII>/`, and the
 * role name has 1 to 64 of `[A-Za-z0-9_+=,.@-]` (IAM API reference, Role).
 */
export const IAM_ROLE_ARN_PATTERN = anchored(
  `arn:${PARTITION}:iam::${ACCOUNT_ID}:role` +
    '(?<path>/(?:[\\x21-\\x7e]+/)?)(?<roleName>[\\w+=,.@-]{1,64})',
);

/** A bare IAM role name, which `taskRoleArn` also accepts. */
export const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

// Whole role ARN is 20 to 2048 characters and its path at most 512
// (IAM API reference, Role).
const IAM_ROLE_ARN_MIN_LENGTH = 20;
const IAM_ROLE_ARN_MAX_LENGTH = 2048;
const IAM_ROLE_PATH_MAX_LENGTH = 512;

export function isIamRoleArn(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  if (
    value.length < IAM_ROLE_ARN_MIN_LENGTH ||
    value.length > IAM_ROLE_ARN_MAX_LENGTH
  ) {
    return false;
  }
  const path = IAM_ROLE_ARN_PATTERN.exec(value)?.groups?.path;
  return path !== undefined && path.length <= IAM_ROLE_PATH_MAX_LENGTH;
}

export function isIamRoleName(value: unknown): boolean {
  return matches(IAM_ROLE_NAME_PATTERN, value);
}

// ---------------------------------------------------------------------------
// ECS clusters, task definitions and containers

/** ECS cluster name: 1 to 255 letters, digits, `_` and `-`. */
export const ECS_CLUSTER_NAME_PATTERN = anchored(ECS_NAME);

/** ECS cluster ARN: `arn:<partition>:ecs:<region>:<account>:cluster/<name>`. */
export const ECS_CLUSTER_ARN_PATTERN = anchored(
  `${ecsArnPrefix('cluster')}(?<clusterName>${ECS_NAME})`,
);

export function isEcsClusterName(value: unknown): boolean {
  return matches(ECS_CLUSTER_NAME_PATTERN, value);
}

export function isEcsClusterArn(value: unknown): boolean {
  return matches(ECS_CLUSTER_ARN_PATTERN, value);
}

/** True for either form RunTask accepts in `cluster`: a name or an ARN. */
export function isEcsClusterReference(value: unknown): boolean {
  return isEcsClusterName(value) || isEcsClusterArn(value);
}

/** Task definition family: 1 to 255 letters, digits, `_` and `-`. */
export const TASK_DEFINITION_FAMILY_PATTERN = anchored(ECS_NAME);

/** `family:revision`, with a revision number from 1 up. */
export const TASK_DEFINITION_FAMILY_REVISION_PATTERN = anchored(
  `(?<family>${ECS_NAME}):(?<revision>[1-9]\\d*)`,
);

/**
 * Task definition ARN:
 * `arn:<partition>:ecs:<region>:<account>:task-definition/<family>:<revision>`.
 * NOTE: the ARN format always carries a revision, but RunTask documents that
 * a missing revision selects the latest ACTIVE one, so the revision is
 * optional here.
 */
export const TASK_DEFINITION_ARN_PATTERN = anchored(
  `${ecsArnPrefix('task-definition')}` +
    `(?<family>${ECS_NAME})(?::(?<revision>[1-9]\\d*))?`,
);

export function isTaskDefinitionFamily(value: unknown): boolean {
  return matches(TASK_DEFINITION_FAMILY_PATTERN, value);
}

export function isTaskDefinitionArn(value: unknown): boolean {
  return matches(TASK_DEFINITION_ARN_PATTERN, value);
}

/** A RunTask `taskDefinition` value split into its parts. */
export interface TaskDefinitionReference {
  form: 'arn' | 'family-revision' | 'family';
  family: string;
  /** Absent when the latest ACTIVE revision is meant. */
  revision?: number;
}

/**
 * Splits a RunTask `taskDefinition` value (ARN, `family:revision` or
 * `family`) into family and revision. Returns undefined for any other
 * value.
 */
export function classifyTaskDefinitionReference(
  value: unknown,
): TaskDefinitionReference | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const forms = [
    ['arn', TASK_DEFINITION_ARN_PATTERN],
    ['family-revision', TASK_DEFINITION_FAMILY_REVISION_PATTERN],
  ] as const;
  for (const [form, pattern] of forms) {
    const groups = pattern.exec(value)?.groups;
    if (groups?.family !== undefined) {
      return withRevision({ form, family: groups.family }, groups.revision);
    }
  }
  if (isTaskDefinitionFamily(value)) {
    return { form: 'family', family: value };
  }
  return undefined;
}

function withRevision(
  reference: TaskDefinitionReference,
  revision: string | undefined,
): TaskDefinitionReference {
  return revision === undefined
    ? reference
    : { ...reference, revision: Number(revision) };
}

/** Container name: 1 to 255 letters, digits, `_` and `-`. */
export const CONTAINER_NAME_PATTERN = anchored(ECS_NAME);

export function isContainerName(value: unknown): boolean {
  return matches(CONTAINER_NAME_PATTERN, value);
}

// ---------------------------------------------------------------------------
// Capacity providers

/**
 * Custom capacity provider name: 1 to 255 letters, digits, `_` and `-`
 * (ECS API reference, CreateCapacityProvider name).
 */
export const CAPACITY_PROVIDER_NAME_PATTERN = anchored(ECS_NAME);

/**
 * Prefixes that a custom capacity provider name must not start with, in any
 * case. The Fargate short names are exempt because AWS defines them.
 */
export const RESERVED_CAPACITY_PROVIDER_PREFIX = /^(?:aws|ecs|fargate)/i;

export type CapacityProviderKind = 'fargate' | 'custom' | 'invalid';

/**
 * Sorts a capacity provider short name into `fargate` (`FARGATE`,
 * `FARGATE_SPOT`), `custom` (an Auto Scaling group or Managed Instances
 * provider) or `invalid` (a name no provider can have).
 */
export function classifyCapacityProvider(name: unknown): CapacityProviderKind {
  if (isFargateProvider(name)) {
    return 'fargate';
  }
  if (
    typeof name === 'string' &&
    CAPACITY_PROVIDER_NAME_PATTERN.test(name) &&
    !RESERVED_CAPACITY_PROVIDER_PREFIX.test(name)
  ) {
    return 'custom';
  }
  return 'invalid';
}

// ---------------------------------------------------------------------------
// Secrets

/**
 * Secrets Manager secret ARN as ECS `secrets[].valueFrom` accepts it:
 * `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 chars>`,
 * optionally followed by `:<json-key>:<version-stage>:<version-id>`, where
 * each of the three parts may be empty (ECS developer guide, specifying
 * sensitive data with Secrets Manager). Secret names use ASCII letters,
 * digits and `/_+=.@-`, up to 512 characters.
 * NOTE: a name ending in `-` plus six letters is indistinguishable from the
 * random suffix, so a partial ARN without the suffix can still match.
 */
export const SECRETS_MANAGER_SECRET_ARN_PATTERN = anchored(
  `arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:` +
    '(?<secretName>[A-Za-z0-9/_+=.@-]{1,512})-(?<randomSuffix>[A-Za-z0-9]{6})' +
    '(?::(?<jsonKey>[^:]*):(?<versionStage>[^:]*):(?<versionId>[^:]*))?',
);

/**
 * SSM Parameter Store parameter ARN:
 * `arn:<partition>:ssm:<region>:<account>:parameter/<name>`, where the name
 * uses letters, digits, `_ . -` and `/` between hierarchy levels.
 */
export const SSM_PARAMETER_ARN_PATTERN = anchored(
  `arn:${PARTITION}:ssm:${REGION}:${ACCOUNT_ID}:parameter/` +
    '(?<parameterName>[A-Za-z0-9_./-]+)',
);

export function isSecretsManagerSecretArn(value: unknown): boolean {
  return matches(SECRETS_MANAGER_SECRET_ARN_PATTERN, value);
}

export function isSsmParameterArn(value: unknown): boolean {
  return matches(SSM_PARAMETER_ARN_PATTERN, value);
}

// ---------------------------------------------------------------------------
// EC2 ids

// EC2 resource ids are a prefix plus 8 (older resources) or 17 lower-case hex
// digits (Amazon EC2 user guide, resource IDs).
const EC2_ID_SUFFIX = '(?:[0-9a-f]{8}|[0-9a-f]{17})';

export const VPC_ID_PATTERN = anchored(`vpc-${EC2_ID_SUFFIX}`);
export const SUBNET_ID_PATTERN = anchored(`subnet-${EC2_ID_SUFFIX}`);
export const SECURITY_GROUP_ID_PATTERN = anchored(`sg-${EC2_ID_SUFFIX}`);

export function isVpcId(value: unknown): boolean {
  return matches(VPC_ID_PATTERN, value);
}

export function isSubnetId(value: unknown): boolean {
  return matches(SUBNET_ID_PATTERN, value);
}

export function isSecurityGroupId(value: unknown): boolean {
  return matches(SECURITY_GROUP_ID_PATTERN, value);
}

// ---------------------------------------------------------------------------
// Container images

// DNS suffixes of private ECR registries: commercial, China, European
// Sovereign Cloud, dual-stack (`on.aws` and its China form) and the
// isolated partitions. Source: the private registry host pattern in
// awslabs/amazon-ecr-credential-helper, `ecr-login/api/client.go`.
const PRIVATE_ECR_DNS_SUFFIXES = [
  'amazonaws.com',
  'amazonaws.com.cn',
  'amazonaws.eu',
  'on.aws',
  'on.amazonwebservices.com.cn',
  'sc2s.sgov.gov',
  'c2s.ic.gov',
  'cloud.adc-e.uk',
  'csp.hci.ic.gov',
];

/**
 * Private ECR registry host: `<account>.dkr.ecr.<region>.<suffix>`, with
 * `dkr-ecr` for dual-stack endpoints and `ecr-fips` for FIPS endpoints.
 */
export const PRIVATE_ECR_HOST_PATTERN = anchored(
  `${ACCOUNT_ID}\\.dkr[.-]ecr(?<fips>-fips)?\\.` +
    '(?<region>[a-zA-Z0-9][a-zA-Z0-9_-]*)\\.' +
    `(?:${PRIVATE_ECR_DNS_SUFFIXES.map(escapeRegExp).join('|')})`,
);

/** The one host of ECR Public (`public.ecr.aws/<alias>/<repository>`). */
export const PUBLIC_ECR_HOST = 'public.ecr.aws';

export type ImageRegistry = 'private-ecr' | 'public-ecr' | 'other';

export interface ImageClassification {
  registry: ImageRegistry;
  /** Registry account id, for private ECR only. */
  accountId?: string;
  /** Registry region, for private ECR only. */
  region?: string;
}

/**
 * Tells which kind of registry an image reference points to. Private ECR
 * images need an execution role on Fargate and ECR Public images need none.
 * Private images elsewhere need `repositoryCredentials` instead. Docker Hub
 * names (`prefecthq/prefect`) are `other`. Placeholders are not resolved,
 * so `"{{ image }}"` is `other` too, and callers should skip unrendered
 * values.
 */
export function classifyImage(image: string): ImageClassification {
  const slash = image.indexOf('/');
  if (slash === -1) {
    return { registry: 'other' };
  }
  const host = image.slice(0, slash);
  if (host === PUBLIC_ECR_HOST) {
    return { registry: 'public-ecr' };
  }
  const groups = PRIVATE_ECR_HOST_PATTERN.exec(host)?.groups;
  if (groups?.accountId === undefined || groups.region === undefined) {
    return { registry: 'other' };
  }
  return {
    registry: 'private-ecr',
    accountId: groups.accountId,
    region: groups.region,
  };
}

/** ECS limit on the image reference before any `@digest` part. */
export const IMAGE_REFERENCE_MAX_LENGTH = 255;

// Characters ECS allows in an image reference before the digest: letters,
// digits, `-`, `_`, `:`, `.`, `/` and `#` (ECS API reference,
// ContainerDefinition image).
const IMAGE_REFERENCE_CHARACTER = /[A-Za-z0-9\-_:./#]/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export type ImageReferenceProblem =
  | { code: 'empty' }
  | { code: 'too-long'; length: number; maxLength: number }
  | { code: 'invalid-characters'; characters: string[] }
  | { code: 'unsupported-digest-algorithm'; algorithm: string }
  | { code: 'invalid-digest'; digest: string };

/**
 * Checks an image reference against the ECS container image limits and
 * returns every problem found: more than 255 characters before the digest,
 * characters ECS does not allow, or a digest that is not `sha256:` followed
 * by 64 hex digits.
 */
export function validateImageReference(image: string): ImageReferenceProblem[] {
  if (image.length === 0) {
    return [{ code: 'empty' }];
  }
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const problems: ImageReferenceProblem[] = [];

  if (name.length > IMAGE_REFERENCE_MAX_LENGTH) {
    problems.push({
      code: 'too-long',
      length: name.length,
      maxLength: IMAGE_REFERENCE_MAX_LENGTH,
    });
  }
  const invalid = [...new Set(name)].filter(
    (c) => !IMAGE_REFERENCE_CHARACTER.test(c),
  );
  if (invalid.length > 0) {
    problems.push({ code: 'invalid-characters', characters: invalid });
  }
  if (at !== -1) {
    problems.push(...checkDigest(image.slice(at + 1)));
  }
  return problems;
}

function checkDigest(digest: string): ImageReferenceProblem[] {
  const colon = digest.indexOf(':');
  if (colon === -1) {
    return [{ code: 'invalid-digest', digest }];
  }
  const algorithm = digest.slice(0, colon);
  if (algorithm !== 'sha256') {
    return [{ code: 'unsupported-digest-algorithm', algorithm }];
  }
  if (!SHA256_HEX.test(digest.slice(colon + 1))) {
    return [{ code: 'invalid-digest', digest }];
  }
  return [];
}

// ---------------------------------------------------------------------------

function matches(pattern: RegExp, value: unknown): boolean {
  return typeof value === 'string' && pattern.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
