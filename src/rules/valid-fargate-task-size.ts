import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-fargate-task-size',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a Fargate cpu and memory pair that Fargate offers.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: true,
    messages: {},
  },
  check() {},
});
