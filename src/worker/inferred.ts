/**
 * A value the worker fills in at run time from AWS or from its own
 * settings (the default VPC's subnets, the registered task definition's
 * ARN, its own Prefect image). The linter never fetches these.
 */
export class InferredValue {
  constructor(readonly description: string) {}

  toJSON(): { $inferred: string } {
    return { $inferred: this.description };
  }
}

export function isInferred(value: unknown): value is InferredValue {
  return value instanceof InferredValue;
}
