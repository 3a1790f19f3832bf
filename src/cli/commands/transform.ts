import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

// TODO: placeholder until the transform command is written.
export async function runTransform(_argv: readonly string[], _io: CliIo): Promise<number> {
  throw new UsageError('The transform command is not available yet.');
}
