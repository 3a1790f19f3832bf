import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'no-ignored-task-definition',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow task definition placeholders that a task definition ARN makes the worker ignore.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
