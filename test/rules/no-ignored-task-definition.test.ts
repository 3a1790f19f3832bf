import { runRuleTests } from '../helpers/rule-tester.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:7';

/** Builds a template whose task definition reads image, cpu, memory and family from variables. */
function template(arnDefault?: unknown): Record<string, unknown> {
  const arn: Record<string, unknown> = { type: 'string' };
  if (arnDefault !== undefined) {
    arn.default = arnDefault;
  }
  return {
    job_configuration: {
      task_definition: {
        family: '{{ family }}',
        cpu: '{{ cpu }}',
        memory: '{{ memory }}',
        containerDefinitions: [{ name: 'prefect', image: '{{ image }}' }],
      },
      task_run_request: {
        launchType: 'FARGATE',
        taskDefinition: '{{ task_definition_arn }}',
        overrides: { cpu: '{{ cpu }}', memory: '{{ memory }}' },
      },
    },
    variables: {
      type: 'object',
      properties: {
        task_definition_arn: arn,
        family: { type: 'string' },
        cpu: { type: 'integer' },
        memory: { type: 'integer' },
        image: { type: 'string' },
      },
    },
  };
}

const literalArn = {
  name: 'etl',
  type: 'ecs',
  base_job_template: {
    job_configuration: {
      task_definition: {
        containerDefinitions: [{ name: 'prefect', image: '{{ image }}' }],
      },
      task_run_request: { launchType: 'FARGATE', taskDefinition: ARN },
    },
    variables: { type: 'object', properties: { image: { type: 'string' } } },
  },
};

runRuleTests('no-ignored-task-definition', {
  valid: [
    {
      name: 'no task definition ARN',
      template: template(),
      jobVariables: [{ image: 'example/etl:2' }],
    },
    {
      name: 'literal task definition without placeholders',
      template: {
        job_configuration: {
          task_definition: {
            containerDefinitions: [{ name: 'prefect', image: 'example/etl:1' }],
          },
          task_run_request: { launchType: 'FARGATE', taskDefinition: ARN },
        },
        variables: { type: 'object', properties: {} },
      },
    },
    {
      name: 'ARN from a Prefect variable',
      template: template('{{ prefect.variables.etl_task_definition }}'),
    },
  ],
  invalid: [
    {
      name: 'ARN default with deployment settings',
      template: template(ARN),
      jobVariables: [{ image: 'example/etl:2', cpu: 2048, memory: 4096 }],
      errors: [
        {
          messageId: 'jobVariablesIgnored',
          line: 10,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/image',
          data: { arn: JSON.stringify(ARN), variables: 'image' },
          severity: 1,
          scenario: 'scenario-1',
        },
        {
          messageId: 'ignored',
          line: 28,
          column: 9,
          pointer: '/variables/properties/task_definition_arn/default',
          data: {
            arn: JSON.stringify(ARN),
            variables: 'image',
          },
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      // The task definition's variables have no value here, so nothing is lost.
      name: 'ARN set by a deployment with unset variables',
      template: template(),
      jobVariables: [{ task_definition_arn: ARN }],
      errors: [],
      output: null,
    },
    {
      // The task definition's variables have no value here, so nothing is lost.
      name: 'literal ARN in a work pool with unset variables',
      template: literalArn,
      errors: [],
      output: null,
    },
  ],
});
