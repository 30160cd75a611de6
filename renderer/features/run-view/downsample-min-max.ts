/** A point of a series: x in epochs (fractional for batches), y the metric. */
export interface SeriesPoint {
  x: number;
  y: number;
}

/**
 * Thins a series to at most `maxPoints` points without losing its spikes: the first and last
 * points are kept, the points between are cut into equal-count buckets, and each bucket keeps
 * its lowest and its highest point, in x order (one point when they are the same). Points whose
 * y is not finite are never picked. A series already short enough is returned as is.
 *
 * @example
 * downsampleMinMax(
 *   [0, 1, 5, 2, 3, -4, 6, 1, 0, 2].map((y, x) => ({ x, y })), 6)
 * -> [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 5 }, { x: 5, y: -4 }, { x: 6, y: 6 }, { x: 9, y: 2 }]
 * // first, last, and buckets [1 5 2 3] -> min 1, max 5; [-4 6 1 0] -> min -4, max 6
 */
export function downsampleMinMax<P extends SeriesPoint>(points: readonly P[], maxPoints: number): P[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new RangeError(`downsampleMinMax: maxPoints must be an integer >= 4; received ${maxPoints}.`);
  }
  if (points.length <= maxPoints) return points as P[];
  const first = 1;
  const interior = points.length - 2;
  const buckets = Math.floor((maxPoints - 2) / 2);
  const out: P[] = [points[0]];
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = first + Math.floor((bucket * interior) / buckets);
    const end = first + Math.floor(((bucket + 1) * interior) / buckets);
    let min = -1;
    let max = -1;
    for (let i = start; i < end; i++) {
      const y = points[i].y;
      if (!Number.isFinite(y)) continue;
      if (min < 0 || y < points[min].y) min = i;
      if (max < 0 || y > points[max].y) max = i;
    }
    if (min < 0) continue;
    if (min === max) out.push(points[min]);
    else if (min < max) out.push(points[min], points[max]);
    else out.push(points[max], points[min]);
  }
  out.push(points[points.length - 1]);
  return out;
}
