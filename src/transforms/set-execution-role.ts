import { hasPlaceholder, placeholder, TemplateDraft, wholePlaceholderName } from './draft.js';
import { checkExecutionRoleArn } from './option-values.js';
import { variableSchema } from './schemas.js';
import { TransformError, type Transform } from './types.js';

export interface SetExecutionRoleOptions {
  executionRoleArn: string;
}

const VARIABLE = 'execution_role_arn';

export const setExecutionRole: Transform<SetExecutionRoleOptions> = {
  id: 'set-execution-role',
  description:
    'Declare execution_role_arn with the given role as its default and wire it into job_configuration and the task definition\'s executionRoleArn.',
  options: [
    {
      name: 'ARN',
      valueName: 'ARN',
      positional: true,
      required: true,
      description: 'IAM role ARN that ECS uses to start the task (pull images, read secrets, write logs).',
    },
  ],
  parseCliOptions(_values, positionals) {
    const [arn, ...rest] = positionals;
    if (arn === undefined || rest.length > 0) {
      throw new TransformError(
        'invalid-option',
        'set-execution-role takes exactly one role ARN before the file: set-execution-role ARN FILE.',
      );
    }
    return { executionRoleArn: arn };
  },
  apply(document, options) {
    if (typeof options?.executionRoleArn !== 'string') {
      throw new TransformError('invalid-option', 'set-execution-role needs executionRoleArn, an IAM role ARN.');
    }
    const arn = checkExecutionRoleArn(options.executionRoleArn);
    const draft = TemplateDraft.open(document);

    draft.setDefault(VARIABLE, variableSchema(VARIABLE), arn);
    const previous = draft.wireJobConfiguration(VARIABLE);
    if (previous !== undefined) {
      draft.note(`Replaced job_configuration.execution_role_arn ${JSON.stringify(previous)} with ${placeholder(VARIABLE)}.`);
    }
    wireTaskDefinition(draft);
    return draft.result();
  },
};

/**
 * Wires `executionRoleArn`. The worker never copies `execution_role_arn`
 * into the task definition itself, so RegisterTaskDefinition gets a role
 * only through this key.
 */
function wireTaskDefinition(draft: TemplateDraft): void {
  const taskDefinition = draft.section('task_definition', false);
  if (!taskDefinition) {
    draft.note(
      'job_configuration has no task_definition, so runs use an existing task definition; its own executionRoleArn applies.',
    );
    return;
  }
  const previous = taskDefinition.executionRoleArn;
  const previousVariable = wholePlaceholderName(previous);
  if (previousVariable === VARIABLE) {
    return;
  }
  taskDefinition.executionRoleArn = placeholder(VARIABLE);
  if (previous === undefined) {
    return;
  }
  if (previousVariable !== undefined && draft.removeVariableIfUnused(previousVariable)) {
    draft.note(
      `Replaced ${placeholder(previousVariable)} in task_definition.executionRoleArn with ${placeholder(VARIABLE)} and removed the "${previousVariable}" variable.`,
    );
    return;
  }
  const previousText = hasPlaceholder(previous) ? String(previous) : JSON.stringify(previous);
  draft.note(`Replaced task_definition.executionRoleArn ${previousText} with ${placeholder(VARIABLE)}.`);
}
