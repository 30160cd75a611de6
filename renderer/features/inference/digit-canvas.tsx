import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { downscaleDigit, MNIST_SIDE } from './downscale-digit';
import { rasterizeStrokes, type StrokePoint } from './rasterize-strokes';

/** Side of the drawing area in canvas pixels (10x MNIST). */
export const CANVAS_SIDE = 280;
/** Pen width in canvas pixels: two to three MNIST pixels once a digit is scaled into its 20x20 box. */
export const PEN_WIDTH = 24;

/** Props of {@link DigitCanvas}. */
export interface DigitCanvasProps {
  /** Called after each stroke with the 784 MNIST pixels, or null once cleared. */
  onChange: (pixels: Float32Array | null) => void;
}

function paintBackground(context: CanvasRenderingContext2D) {
  context.fillStyle = '#000000';
  context.fillRect(0, 0, CANVAS_SIDE, CANVAS_SIDE);
}

/**
 * A 280x280 area to draw a digit on with a mouse, pen or finger (white on black, as in MNIST),
 * with Clear, and a 28x28 preview of what the model gets.
 */
export function DigitCanvas({ onChange }: DigitCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<StrokePoint[][]>([]);
  const drawing = useRef<number | null>(null);
  const [pixels, setPixels] = useState<Float32Array | null>(null);

  const context = () => canvas.current?.getContext('2d') ?? null;

  useEffect(() => {
    const ctx = context();
    if (ctx) paintBackground(ctx);
  }, []);

  useEffect(() => {
    const ctx = preview.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(MNIST_SIDE, MNIST_SIDE);
    for (let i = 0; i < MNIST_SIDE * MNIST_SIDE; i++) {
      const value = Math.round((pixels?.[i] ?? 0) * 255);
      image.data.set([value, value, value, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);

  const pointAt = (event: ReactPointerEvent<HTMLCanvasElement>): StrokePoint => {
    const rect = event.currentTarget.getBoundingClientRect();
    const scaleX = rect.width > 0 ? CANVAS_SIDE / rect.width : 1;
    const scaleY = rect.height > 0 ? CANVAS_SIDE / rect.height : 1;
    return { x: (event.clientX - rect.left) * scaleX, y: (event.clientY - rect.top) * scaleY };
  };

  const drawSegment = (from: StrokePoint, to: StrokePoint) => {
    const ctx = context();
    if (!ctx) return;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = PEN_WIDTH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.button !== undefined && event.button > 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drawing.current = event.pointerId;
    const point = pointAt(event);
    strokes.current.push([point]);
    drawSegment(point, point);
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (drawing.current === null || drawing.current !== event.pointerId) return;
    const stroke = strokes.current[strokes.current.length - 1];
    const point = pointAt(event);
    drawSegment(stroke[stroke.length - 1], point);
    stroke.push(point);
  };

  const onPointerEnd = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (drawing.current === null || drawing.current !== event.pointerId) return;
    drawing.current = null;
    const next = downscaleDigit(rasterizeStrokes(strokes.current, CANVAS_SIDE, PEN_WIDTH), CANVAS_SIDE, CANVAS_SIDE);
    setPixels(next);
    onChange(next);
  };

  const clear = () => {
    strokes.current = [];
    drawing.current = null;
    const ctx = context();
    if (ctx) paintBackground(ctx);
    setPixels(null);
    onChange(null);
  };

  return (
    <div className="digit-input">
      <canvas
        ref={canvas}
        width={CANVAS_SIDE}
        height={CANVAS_SIDE}
        className="digit-canvas"
        data-testid="digit-canvas"
        role="img"
        aria-label="Drawing area: draw a digit with the mouse, a pen or a finger"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      />
      <div className="digit-side">
        <button type="button" onClick={clear}>
          Clear
        </button>
        <figure className="digit-preview">
          <canvas ref={preview} width={MNIST_SIDE} height={MNIST_SIDE} aria-hidden="true" />
          <figcaption>28x28 input</figcaption>
        </figure>
      </div>
    </div>
  );
}
