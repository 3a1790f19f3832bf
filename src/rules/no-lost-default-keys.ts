import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'no-lost-default-keys',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow job variables that replace an object default and drop its keys.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: true,
    messages: {},
  },
  check() {},
});
