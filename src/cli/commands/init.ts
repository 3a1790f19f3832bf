import { defaultTemplate } from '../../init/default-template.js';
import { UsageError } from '../errors.js';
import { EXIT_OK, type CliIo } from '../io.js';

/** `prefect-ecs-lint init`: prints the default ECS base job template. */
export async function runInit(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout('Usage: prefect-ecs-lint init > template.json\n\nPrints the default ECS base job template (prefect-aws 0.7.11).\n');
    return EXIT_OK;
  }
  if (argv.length > 0) {
    throw new UsageError(`Unexpected argument "${argv[0]}" for init.`);
  }
  io.stdout(JSON.stringify(defaultTemplate(), null, 2) + '\n');
  return EXIT_OK;
}
