// Benchmark: prints figures, asserts nothing. Run with `npm run bench`.
//
// 1. Mean time to lint the default template in process with one
//    job-variables scenario, and lints per second.
// 2. The CLI's wall time on one real template as a ratio to `node -e`
//    parsing the same file (median of several runs each).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { lintText } from '../dist/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultTemplatePath = path.join(root, 'fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json');
const userTemplatePath = path.join(root, 'fixtures/real-templates/users/12-unattributed-ui-export-ec2-plus-capacity-provider.json');
const jobVariablesPath = path.join(root, 'fixtures/job-variables/ec2-capacity-provider.json');

const WARMUP_LINTS = 500;
const MEASURED_LINTS = 5_000;
const CLI_RUNS = 15;

function lintInProcess() {
  const text = readFileSync(defaultTemplatePath, 'utf8');
  const jobVariables = [{ name: 'ec2-capacity-provider', values: JSON.parse(readFileSync(jobVariablesPath, 'utf8')) }];
  const options = { filePath: 'default.json', jobVariables };
  for (let i = 0; i < WARMUP_LINTS; i++) {
    lintText(text, options);
  }
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  for (let i = 0; i < MEASURED_LINTS; i++) {
    lintText(text, options);
  }
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  return {
    meanMs: elapsedMs / MEASURED_LINTS,
    perSecond: (MEASURED_LINTS / elapsedMs) * 1000,
    heapGrowthMiB: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
  };
}

function medianWallMs(command, args) {
  const times = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status === null || result.status > 1) {
      throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    }
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const inProcess = lintInProcess();
const cliMs = medianWallMs(process.execPath, [path.join(root, 'bin/prefect-ecs-lint.js'), userTemplatePath]);
const parseMs = medianWallMs(process.execPath, [
  '-e',
  `JSON.parse(require('fs').readFileSync(${JSON.stringify(userTemplatePath)}, 'utf8'))`,
]);

console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`);
console.log(`in-process lint of the default template with 1 job-variables scenario (${MEASURED_LINTS} runs):`);
console.log(`  mean ${inProcess.meanMs.toFixed(3)} ms per lint, ${Math.round(inProcess.perSecond)} lints per second`);
console.log(`  heap growth over the measured runs: ${inProcess.heapGrowthMiB.toFixed(1)} MiB`);
console.log(`CLI wall time on ${path.relative(root, userTemplatePath)} (median of ${CLI_RUNS}):`);
console.log(`  prefect-ecs-lint ${cliMs.toFixed(1)} ms, node -e JSON.parse ${parseMs.toFixed(1)} ms, ratio ${(cliMs / parseMs).toFixed(2)}`);
