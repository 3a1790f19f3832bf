/** Levenshtein distance, for did-you-mean hints on short identifiers. */
export function editDistance(left: string, right: string): number {
  const previous = Array.from({ length: right.length + 1 }, (_, i) => i);
  for (let i = 1; i <= left.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= right.length; j++) {
      const above = previous[j] ?? 0;
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[right.length] ?? 0;
}

/**
 * The candidate closest to `name`, comparing case-insensitively and with
 * `_`/`-` ignored so `taskRoleArn` finds `task_role_arn`; undefined when
 * nothing is close enough to be a likely typo.
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
