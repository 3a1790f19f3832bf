/** A position in a text file: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

/**
 * A range of text. `end` is exclusive, so `end.column` is the column just
 * after the last character, which is what ESLint reports as `endColumn`.
 * Columns count UTF-16 code units, as JavaScript strings do.
 */
export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/** Converts offsets to lines and columns with a table of line starts. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) {
        starts.push(i + 1);
      } else if (code === 13 && text.charCodeAt(i + 1) !== 10) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  positionAt(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= clamped) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    const lineStart = this.lineStarts[low] ?? 0;
    return { line: low + 1, column: clamped - lineStart + 1, offset: clamped };
  }

  rangeAt(offset: number, length: number): SourceRange {
    return {
      start: this.positionAt(offset),
      end: this.positionAt(offset + length),
    };
  }

  offsetAt(line: number, column: number): number {
    const lineStart = this.lineStarts[line - 1];
    if (lineStart === undefined) {
      return this.text.length;
    }
    return Math.min(lineStart + column - 1, this.text.length);
  }
}
