/** Why a rendered value cannot be known before the flow run. */
export type UnknownReason = 'prefect-variable' | 'prefect-block' | 'env' | 'block-reference';

/**
 * A value that Prefect fills in only at run time: a Prefect variable, a
 * block document, or the worker's environment. Rules treat it as unknown
 * and stay silent about it.
 */
export class UnknownValue {
  constructor(
    readonly reason: UnknownReason,
    readonly text: string,
  ) {}

  toJSON(): { $unknown: UnknownReason; text: string } {
    return { $unknown: this.reason, text: this.text };
  }
}

export function isUnknown(value: unknown): value is UnknownValue {
  return value instanceof UnknownValue;
}
