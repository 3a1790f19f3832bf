/** The outcome of decoding a file's bytes as UTF-8. */
export type DecodedText =
  | { ok: true; text: string }
  | {
      ok: false;
      /** The reason the bytes are not UTF-8, for the error message. */
      reason: string;
      /** The text decoded with replacement characters, to look for template keys in. */
      lenientText: string;
    };

/**
 * Decodes bytes strictly as UTF-8. A UTF-8 byte order mark stays in the
 * text, because the JSON parser records it and `--fix` writes it back.
 * UTF-16 is recognized by its byte order mark, or without one by a zero
 * byte in the first two: JSON text starts with an ASCII character, and
 * UTF-8 JSON never contains a raw zero byte.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const utf16 = detectUtf16(bytes);
  if (utf16) {
    return { ok: false, reason: utf16.reason, lenientText: decodeUtf16(bytes, utf16.littleEndian) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text };
  } catch {
    return {
      ok: false,
      reason: describeInvalidUtf8(bytes),
      lenientText: new TextDecoder('utf-8').decode(bytes),
    };
  }
}

/** Formats the usage error for bytes that are not UTF-8, naming the file as given. */
export function notUtf8Message(name: string, reason: string): string {
  return `${name} is not UTF-8 text (${reason}); save it as UTF-8.`;
}

function detectUtf16(bytes: Uint8Array): { reason: string; littleEndian: boolean } | undefined {
  if (bytes.length < 2) {
    return undefined;
  }
  const [first, second] = [bytes[0], bytes[1]];
  if (first === 0xff && second === 0xfe) {
    return { reason: 'UTF-16 little-endian, with a byte order mark', littleEndian: true };
  }
  if (first === 0xfe && second === 0xff) {
    return { reason: 'UTF-16 big-endian, with a byte order mark', littleEndian: false };
  }
  if (first !== 0 && second === 0) {
    return { reason: 'UTF-16 little-endian, without a byte order mark', littleEndian: true };
  }
  if (first === 0 && second !== 0) {
    return { reason: 'UTF-16 big-endian, without a byte order mark', littleEndian: false };
  }
  return undefined;
}

/** Decodes UTF-16 leniently; big-endian input is byte-swapped, because Node builds without full ICU lack a utf-16be decoder. */
function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  let input = bytes;
  if (!littleEndian) {
    input = new Uint8Array(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      input[i] = bytes[i + 1] ?? 0;
      input[i + 1] = bytes[i] ?? 0;
    }
  }
  return new TextDecoder('utf-16le').decode(input);
}

/**
 * Names the line of the first invalid UTF-8 sequence. A streaming decoder
 * throws as soon as it reads an invalid byte, and it keeps an incomplete
 * sequence at the end for the next chunk. So the shortest prefix that
 * throws ends just after the offending byte, and a binary search finds it.
 */
function describeInvalidUtf8(bytes: Uint8Array): string {
  let valid = 0;
  let invalid = bytes.length + 1;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (prefixThrows(bytes, middle)) {
      invalid = middle;
    } else {
      valid = middle;
    }
  }
  if (invalid > bytes.length) {
    return 'the file ends inside a UTF-8 byte sequence';
  }
  return `invalid UTF-8 byte sequence on line ${lineAt(bytes, invalid - 1)}`;
}

function prefixThrows(bytes: Uint8Array, length: number): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return false;
  } catch {
    return true;
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
    }
  }
  return line;
}
