import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'no-plaintext-secrets',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow secret-looking values written as plain text.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
