import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'fargate-requires-awsvpc',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the awsvpc network mode and Fargate-supported settings on Fargate.',
    },
    levels: ['error'],
    fixable: true,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
