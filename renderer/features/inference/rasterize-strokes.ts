/** A point in canvas pixels. */
export interface StrokePoint {
  x: number;
  y: number;
}

/**
 * Paints pen strokes (polylines with round caps and joins) into a `size`x`size` grayscale image,
 * row-major, ink 1 on background 0, with a one-pixel soft edge, like a canvas `stroke()` with
 * `lineWidth`. The drawing canvas is only a view: the model's input is computed from the strokes,
 * so it does not depend on a canvas implementation.
 *
 * @example rasterizeStrokes([[{ x: 5, y: 5 }]], 10, 4)[5 * 10 + 5] -> 1   // a dot at its centre pixel
 */
export function rasterizeStrokes(strokes: readonly (readonly StrokePoint[])[], size: number, lineWidth: number): Float32Array {
  const image = new Float32Array(size * size);
  const radius = lineWidth / 2;
  for (const stroke of strokes) {
    if (stroke.length === 1) paintSegment(image, size, stroke[0], stroke[0], radius);
    for (let i = 0; i + 1 < stroke.length; i++) paintSegment(image, size, stroke[i], stroke[i + 1], radius);
  }
  return image;
}

function paintSegment(image: Float32Array, size: number, a: StrokePoint, b: StrokePoint, radius: number) {
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius - 1));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(a.x, b.x) + radius + 1));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius - 1));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(a.y, b.y) + radius + 1));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      // Distance from the pixel's centre to the segment.
      const cx = px + 0.5;
      const cy = py + 0.5;
      const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((cx - a.x) * dx + (cy - a.y) * dy) / lengthSquared));
      const distance = Math.hypot(cx - (a.x + t * dx), cy - (a.y + t * dy));
      const coverage = Math.max(0, Math.min(1, radius + 0.5 - distance));
      const index = py * size + px;
      if (coverage > image[index]) image[index] = coverage;
    }
  }
}
