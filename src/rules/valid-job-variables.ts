import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-job-variables',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require job variables that validate against the variables schema and have an effect.',
    },
    levels: ['error', 'warning'],
    fixable: false,
    hasSuggestions: true,
    messages: {},
  },
  check() {},
});
