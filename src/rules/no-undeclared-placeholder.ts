import { createRule } from './utils/create-rule.js';
import { declareVariablesOperations } from './utils/variables.js';

export default createRule({
  id: 'no-undeclared-placeholder',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every placeholder in job_configuration to be declared in variables.properties.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: true,
    messages: {
      undeclared:
        'Placeholder "{{name}}" is not declared in variables.properties; Prefect rejects the template as using an undeclared variable.',
    },
  },
  check(context) {
    const declared = context.template.properties;
    for (const occurrence of context.placeholders) {
      if (occurrence.name in declared) {
        continue;
      }
      const operations = declareVariablesOperations(context.template, [occurrence.name]);
      context.report({
        messageId: 'undeclared',
        data: { name: occurrence.name },
        at: occurrence.pointer,
        suggest:
          operations.length > 0
            ? [{ desc: `Declare "${occurrence.name}" in variables.properties.`, patch: operations }]
            : [],
      });
    }
  },
});
