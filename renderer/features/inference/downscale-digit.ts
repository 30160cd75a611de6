/** Side of an MNIST image. */
export const MNIST_SIDE = 28;
/** Side of the box MNIST fits each digit into (keeping its aspect ratio) before centring it. */
export const MNIST_BOX = 20;
/** Pixels at or below this intensity count as background when finding the digit's bounding box. */
const INK_THRESHOLD = 0.05;

/**
 * Prepares a drawn digit the way MNIST digits were prepared: crops the ink's bounding box, scales
 * it (area averaging, aspect ratio kept) so its longer side is 20 pixels, and places it in a 28x28
 * frame so that its centre of mass sits at the frame's centre (shifted by whole pixels and kept
 * inside the frame). Input and output are grayscale, row-major, ink high, in [0, 1]. An image
 * without ink gives 784 zeros.
 *
 * @example
 * // A 280x280 image with a filled 100x100 square at columns 30-129, rows 40-139:
 * downscaleDigit(image, 280, 280)
 * -> 784 values: 1 at rows 4-23 and columns 4-23 (a 20x20 square, centre of mass (14, 14)), 0 elsewhere
 */
export function downscaleDigit(image: ArrayLike<number>, width: number, height: number): Float32Array {
  if (image.length !== width * height) {
    throw new RangeError(`downscaleDigit: expected ${width}x${height} = ${width * height} values; received ${image.length}.`);
  }
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (image[y * width + x] > INK_THRESHOLD) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  if (right < 0) return out;

  const cropWidth = right - left + 1;
  const cropHeight = bottom - top + 1;
  const scale = MNIST_BOX / Math.max(cropWidth, cropHeight);
  const boxWidth = Math.max(1, Math.min(MNIST_BOX, Math.round(cropWidth * scale)));
  const boxHeight = Math.max(1, Math.min(MNIST_BOX, Math.round(cropHeight * scale)));

  const crop = new Float32Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    for (let x = 0; x < cropWidth; x++) crop[y * cropWidth + x] = Math.min(1, Math.max(0, image[(top + y) * width + left + x]));
  }
  const box = resampleArea(crop, cropWidth, cropHeight, boxWidth, boxHeight);

  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < boxHeight; y++) {
    for (let x = 0; x < boxWidth; x++) {
      const value = box[y * boxWidth + x];
      mass += value;
      sumX += (x + 0.5) * value;
      sumY += (y + 0.5) * value;
    }
  }
  const centre = MNIST_SIDE / 2;
  const offsetX = clamp(Math.round(centre - sumX / mass), 0, MNIST_SIDE - boxWidth);
  const offsetY = clamp(Math.round(centre - sumY / mass), 0, MNIST_SIDE - boxHeight);
  for (let y = 0; y < boxHeight; y++) {
    for (let x = 0; x < boxWidth; x++) out[(offsetY + y) * MNIST_SIDE + offsetX + x] = box[y * boxWidth + x];
  }
  return out;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/**
 * Resizes by area averaging: each target pixel is the mean of the source area it covers
 * (fractional pixels weighted by overlap). Separable: rows, then columns.
 */
function resampleArea(source: Float32Array, width: number, height: number, targetWidth: number, targetHeight: number): Float32Array {
  const rows = new Float32Array(targetWidth * height);
  const weightsX = axisWeights(width, targetWidth);
  for (let y = 0; y < height; y++) {
    for (let tx = 0; tx < targetWidth; tx++) {
      let sum = 0;
      for (const [sx, weight] of weightsX[tx]) sum += source[y * width + sx] * weight;
      rows[y * targetWidth + tx] = sum;
    }
  }
  const out = new Float32Array(targetWidth * targetHeight);
  const weightsY = axisWeights(height, targetHeight);
  for (let ty = 0; ty < targetHeight; ty++) {
    for (let x = 0; x < targetWidth; x++) {
      let sum = 0;
      for (const [sy, weight] of weightsY[ty]) sum += rows[sy * targetWidth + x] * weight;
      out[ty * targetWidth + x] = sum;
    }
  }
  return out;
}

/** For each target index, the source indices it covers and their weights (summing to 1). */
function axisWeights(sourceLength: number, targetLength: number): Array<Array<[number, number]>> {
  const step = sourceLength / targetLength;
  const weights: Array<Array<[number, number]>> = [];
  for (let t = 0; t < targetLength; t++) {
    const start = t * step;
    const end = start + step;
    const entries: Array<[number, number]> = [];
    for (let s = Math.floor(start); s < Math.min(sourceLength, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap > 1e-12) entries.push([s, overlap / step]);
    }
    weights.push(entries);
  }
  return weights;
}
