#!/usr/bin/env node
import { readStreamText, run } from '../dist/cli/main.js';

const exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  color: Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env),
  readStdin: () => readStreamText(process.stdin),
});
process.exitCode = exitCode;
