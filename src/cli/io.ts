import { UsageError } from './errors.js';
import { decodeUtf8 } from './text.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Whether standard output is a terminal that shows colors. */
  color: boolean;
  /** Reads all of standard input as text, for `--stdin`; absent where there is none. */
  readStdin?: () => Promise<string>;
}

export const EXIT_OK = 0;
export const EXIT_LINT_ERRORS = 1;
export const EXIT_USAGE = 2;

/**
 * Reads a stream to its end and decodes it strictly as UTF-8, as files are
 * decoded; input that is not UTF-8 is a usage error.
 */
export async function readStreamText(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  const decoded = decodeUtf8(Buffer.concat(chunks));
  if (!decoded.ok) {
    throw new UsageError(`Standard input is not UTF-8 text (${decoded.reason}); send UTF-8.`);
  }
  return decoded.text;
}
