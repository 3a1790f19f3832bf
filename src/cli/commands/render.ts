import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

// TODO: placeholder until the render command is written.
export async function runRender(_argv: readonly string[], _io: CliIo): Promise<number> {
  throw new UsageError('The render command is not available yet.');
}
