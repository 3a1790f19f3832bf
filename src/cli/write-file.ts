import { promises as fs } from 'node:fs';
import path from 'node:path';

import { JsonDocument } from '../parse/json-document.js';

/**
 * Writes `text` to `file` through a temporary file in the same folder and
 * a rename, so readers never see a half-written file. Text that does not
 * parse as JSON is never written.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  JsonDocument.parse(text);
  const directory = path.dirname(file);
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const mode = (await fs.stat(file).catch(() => undefined))?.mode;
  try {
    await fs.writeFile(temporary, text, mode === undefined ? undefined : { mode });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
