/**
 * Edit distance where swapping two neighbouring characters counts as one
 * edit (optimal string alignment), for did-you-mean hints: `imgae` is one
 * edit from `image`.
 */
export function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (let i = 0; i < rows; i++) {
    table[i]![0] = i;
  }
  for (let j = 0; j < columns; j++) {
    table[0]![j] = j;
  }
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      let best = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        best = Math.min(best, table[i - 2]![j - 2]! + 1);
      }
      table[i]![j] = best;
    }
  }
  return table[left.length]![right.length]!;
}

/**
 * Returns the candidate closest to `name`, or undefined when nothing is close
 * enough to be a likely typo. Names are compared case-insensitively with `_`
 * and `-` ignored, so `taskRoleArn` finds `task_role_arn`.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const normalize = (text: string): string => text.toLowerCase().replace(/[_-]/g, '');
  const target = normalize(name);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalize(candidate));
    if (!best || distance < best.distance) {
      best = { candidate, distance };
    }
  }
  if (!best) {
    return undefined;
  }
  const limit = Math.max(1, Math.floor(target.length / 4));
  return best.distance <= limit ? best.candidate : undefined;
}
