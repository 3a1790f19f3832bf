// Rewrites the rule table in README.md from the rules' meta. Run after a
// build: `npm run generate:rule-table`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { renderRuleTable, replaceRuleTable } from '../dist/docs/rule-table.js';
import { rules } from '../dist/rules/index.js';

const readmePath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = replaceRuleTable(readme, renderRuleTable(rules));
if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.log('README.md rule table updated.');
} else {
  console.log('README.md rule table is current.');
}
