import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-cloudwatch-logs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require CloudWatch log settings that the worker accepts.',
    },
    levels: ['error', 'warning', 'info'],
    fixable: true,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
