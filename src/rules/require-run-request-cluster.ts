import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'require-run-request-cluster',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the RunTask request to use the configured cluster.',
    },
    levels: ['warning'],
    fixable: true,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
