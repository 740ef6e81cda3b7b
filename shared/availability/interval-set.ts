/**
 * Half-open intervals `[start, end)` (epoch ms) merged and sorted once, so each overlap question is a
 * binary search instead of a scan of every booking: a request asks it for thousands of candidate slots.
 */
export class IntervalSet {
  private constructor(private readonly starts: number[], private readonly ends: number[]) {}

  /** Intervals with end ≤ start cover no time and block nothing. Touching intervals are merged: a range
   * overlaps the union exactly when it overlaps one of the parts. */
  static of(intervals: Iterable<{ start: number; end: number }>): IntervalSet {
    const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const interval of sorted) {
      const last = ends.length - 1;
      if (last >= 0 && interval.start <= ends[last]!) ends[last] = Math.max(ends[last]!, interval.end);
      else {
        starts.push(interval.start);
        ends.push(interval.end);
      }
    }
    return new IntervalSet(starts, ends);
  }

  /** Whether `[start, end)` overlaps a member: start < member.end && member.start < end. */
  overlaps(start: number, end: number): boolean {
    // The merged members are disjoint and ascending, so ends ascend too: find the first that ends after start.
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.ends[middle]! > start) high = middle;
      else low = middle + 1;
    }
    return low < this.starts.length && this.starts[low]! < end;
  }
}
