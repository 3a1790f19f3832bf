import {
  classifyImage,
  classifyTaskDefinitionReference,
  isEcsClusterReference,
  isIamRoleArn,
  isIamRoleName,
  isSecretsManagerSecretArn,
  isSsmParameterArn,
  isVpcId,
  validateImageReference,
  type ImageReferenceProblem,
} from '../../aws/identifiers.js';

/** A kind of identifier and the sentence fragment that states what it must be. */
export interface IdentifierKind {
  expected: string;
  isValid(value: string): boolean;
}

export const ROLE_ARN: IdentifierKind = {
  expected:
    'an IAM role ARN (arn:<partition>:iam::<12-digit account id>:role/<name>, with an empty region field)',
  isValid: isIamRoleArn,
};

// RegisterTaskDefinition documents a bare role name as valid for
// `taskRoleArn` only.
export const ROLE_ARN_OR_NAME: IdentifierKind = {
  expected: 'an IAM role ARN or role name',
  isValid: (value) => isIamRoleArn(value) || isIamRoleName(value),
};

export const CLUSTER: IdentifierKind = {
  expected:
    'an ECS cluster name (1 to 255 letters, digits, "_" and "-") or cluster ARN',
  isValid: isEcsClusterReference,
};

export const TASK_DEFINITION: IdentifierKind = {
  expected: 'a task definition ARN, family or family:revision',
  isValid: (value) => classifyTaskDefinitionReference(value) !== undefined,
};

export const VPC_ID: IdentifierKind = {
  expected: 'a VPC id ("vpc-" and 8 or 17 lowercase hexadecimal digits)',
  isValid: isVpcId,
};

export const SECRET_REFERENCE: IdentifierKind = {
  expected:
    'a Secrets Manager secret ARN, an SSM Parameter Store parameter ARN, or a parameter name',
  isValid: (value) =>
    isSecretsManagerSecretArn(value) ||
    isSsmParameterArn(value) ||
    isSsmParameterName(value),
};

export const REPOSITORY_CREDENTIALS: IdentifierKind = {
  expected: 'a Secrets Manager secret ARN or secret name',
  isValid: (value) =>
    isSecretsManagerSecretArn(value) || isSecretsManagerSecretName(value),
};

// ECS accepts the name of an SSM parameter in the task's region in place of
// its ARN: letters, digits, `_ . -`, and `/` between hierarchy levels, up
// to 2048 characters (SSM API reference, PutParameter Name).
const SSM_PARAMETER_NAME = /^\/?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;
const SSM_PARAMETER_NAME_MAX_LENGTH = 2048;

// Secrets Manager secret names: ASCII letters, digits and `/_+=.@-`, up to
// 512 characters (Secrets Manager API reference, CreateSecret Name).
const SECRETS_MANAGER_SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

export function isSsmParameterName(value: string): boolean {
  return (
    !value.startsWith('arn:') &&
    value.length <= SSM_PARAMETER_NAME_MAX_LENGTH &&
    SSM_PARAMETER_NAME.test(value)
  );
}

export function isSecretsManagerSecretName(value: string): boolean {
  return !value.startsWith('arn:') && SECRETS_MANAGER_SECRET_NAME.test(value);
}

// ECR repository names: lowercase path components separated by `/`, each
// made of lowercase letters and digits joined by `.`, `_`, `__` or runs of
// `-`, 2 to 256 characters in all (ECR API reference, CreateRepository
// repositoryName).
const ECR_REPOSITORY_NAME =
  /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const ECR_REPOSITORY_NAME_MIN_LENGTH = 2;
const ECR_REPOSITORY_NAME_MAX_LENGTH = 256;
// An ECR host that `classifyImage` does not accept, such as an account id
// with the wrong number of digits.
const ECR_LIKE_HOST = /\.dkr[.-]ecr[.-]/;

/**
 * Describes what is wrong with an image reference, or returns undefined
 * when ECS and, for ECR images, the registry accept it.
 */
export function describeImageProblem(image: string): string | undefined {
  const problems = validateImageReference(image);
  const first = problems[0];
  if (first) {
    return describeReferenceProblem(first);
  }
  const slash = image.indexOf('/');
  const host = slash === -1 ? '' : image.slice(0, slash);
  const registry = classifyImage(image).registry;
  if (registry === 'other' && ECR_LIKE_HOST.test(host)) {
    return `has the registry host "${host}", which is not <12-digit account id>.dkr.ecr.<region>.<AWS domain>`;
  }
  if (registry !== 'private-ecr') {
    return undefined;
  }
  const repository = ecrRepositoryName(image.slice(slash + 1));
  const length = repository.length;
  if (
    !ECR_REPOSITORY_NAME.test(repository) ||
    length < ECR_REPOSITORY_NAME_MIN_LENGTH ||
    length > ECR_REPOSITORY_NAME_MAX_LENGTH
  ) {
    return `names the ECR repository "${repository}", but ECR repository names are 2 to 256 lowercase letters, digits and ". _ - /" separators`;
  }
  return undefined;
}

/** Returns the repository part of `<repository>[:tag][@digest]`. */
function ecrRepositoryName(path: string): string {
  const withoutDigest = path.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

function describeReferenceProblem(problem: ImageReferenceProblem): string {
  switch (problem.code) {
    case 'empty':
      return 'is empty';
    case 'too-long':
      return `is ${problem.length} characters long before any digest; ECS allows at most ${problem.maxLength}`;
    case 'invalid-characters':
      return `contains ${problem.characters.map((c) => JSON.stringify(c)).join(', ')}; ECS allows letters, digits and "- _ : . / #" before the digest`;
    case 'unsupported-digest-algorithm':
      return `uses the digest algorithm "${problem.algorithm}"; ECS supports only sha256`;
    case 'invalid-digest':
      return `has the digest "${problem.digest}", which is not sha256: and 64 hexadecimal digits`;
  }
}
