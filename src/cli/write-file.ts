import { promises as fs } from 'node:fs';
import path from 'node:path';

import { JsonDocument } from '../parse/json-document.js';

/**
 * Writes `text` to `file` through a temporary file in the same folder and
 * a rename, so readers never see a half-written file. Text that does not
 * parse as JSON is never written. When `file` is a symbolic link, its
 * target is written and the link stays.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  JsonDocument.parse(text);
  // Renaming onto the link itself would replace it with a regular file.
  const target = await resolveLinks(file);
  const directory = path.dirname(target);
  const temporary = path.join(directory, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const mode = (await fs.stat(target).catch(() => undefined))?.mode;
  try {
    await fs.writeFile(temporary, text, mode === undefined ? undefined : { mode });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Resolves symbolic links in `file`; returns it unchanged when it does not exist yet. */
async function resolveLinks(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return file;
    }
    throw error;
  }
}
