import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatMetric } from '../../shared-ui/format-metric';
import type { ChartMarker, ChartRow } from './chart-data';

/** Props of {@link MetricChart}. */
export interface MetricChartProps {
  rows: ChartRow[];
  markers: ChartMarker[];
  metric: string;
  logScale: boolean;
  /** Fixed size in pixels; by default the chart fills its container's width (recharts `responsive`). */
  size?: { width: number; height: number };
}

const COLORS = { batch: '#93c5fd', train: '#2563eb', validation: '#ea580c', best: '#f59e0b', marker: '#334155' };

const isAt = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function formatEpoch(x: number): string {
  return Number.isInteger(x) ? `epoch ${x}` : `epoch ${x.toFixed(2)}`;
}

/** A checkpoint on the chart: a dot, gold for the best, named for screen readers and hover. */
function markerShape(marker: ChartMarker) {
  const name = `Checkpoint ${marker.id}, epoch ${marker.epoch + 1}, ${formatMetric(marker.y)}${marker.best ? ' (best)' : ''}`;
  return function CheckpointMarker(props: { cx?: number; cy?: number }) {
    return (
      <g data-testid="checkpoint-marker" data-checkpoint-id={marker.id} data-best={marker.best ? 'true' : 'false'} role="img" aria-label={name}>
        <title>{name}</title>
        <circle
          cx={props.cx}
          cy={props.cy}
          r={marker.best ? 7 : 5}
          fill={marker.best ? COLORS.best : '#ffffff'}
          stroke={COLORS.marker}
          strokeWidth={marker.best ? 2 : 1.5}
        />
      </g>
    );
  };
}

/**
 * One metric over epochs: training per epoch and per batch, validation per epoch, checkpoint
 * markers (the best highlighted), and a tooltip with the values and the checkpoint there.
 * Animation is off: the data streams in.
 */
export function MetricChart({ rows, markers, metric, logScale, size }: MetricChartProps) {
  const hasBatch = rows.some((row) => row.batch !== undefined);
  const hasTrain = rows.some((row) => row.train !== undefined);
  const hasValidation = rows.some((row) => row.validation !== undefined);
  // Whole-epoch ticks, except early on when all there is lies within the first epochs.
  const lastX = rows.length ? rows[rows.length - 1].x : 0;

  const renderTooltip = ({ active, payload, label }: TooltipContentProps) => {
    if (!active || !payload?.length || typeof label !== 'number') return null;
    const here = markers.filter((marker) => isAt(marker.x, label));
    return (
      <div className="chart-tooltip">
        <div className="chart-tooltip-title">{formatEpoch(label)}</div>
        {payload.map((entry) => (
          <div key={String(entry.dataKey)} style={{ color: entry.color }}>
            {entry.name}: {formatMetric(typeof entry.value === 'number' ? entry.value : null)}
          </div>
        ))}
        {here.map((marker) => (
          <div key={marker.id} className="chart-tooltip-checkpoint">
            checkpoint <code>{marker.id}</code>
            {marker.best ? ' (best)' : ''}
          </div>
        ))}
      </div>
    );
  };

  const sizing = size ? { width: size.width, height: size.height } : { responsive: true, style: { width: '100%', height: 320 } };

  return (
    <div className="chart" data-testid="metric-chart" aria-label={`${metric} by epoch`} role="figure">
      {rows.length === 0 ? (
        <p className="muted chart-empty">No {metric} values yet.</p>
      ) : (
        <LineChart {...sizing} data={rows} margin={{ top: 12, right: 20, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} allowDecimals={lastX < 3} tickCount={8} label={{ value: 'epoch', position: 'insideBottomRight', offset: -4 }} />
          <YAxis
            scale={logScale ? 'log' : 'auto'}
            domain={['auto', 'auto']}
            allowDataOverflow={logScale}
            tickFormatter={(value: number) => formatMetric(value)}
            width={64}
          />
          <Tooltip content={renderTooltip} isAnimationActive={false} />
          <Legend />
          {hasBatch ? (
            <Line dataKey="batch" name={`${metric} (batch)`} stroke={COLORS.batch} strokeWidth={1} dot={false} connectNulls isAnimationActive={false} />
          ) : null}
          {hasTrain ? <Line dataKey="train" name={metric} stroke={COLORS.train} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} /> : null}
          {hasValidation ? (
            <Line dataKey="validation" name={`val_${metric}`} stroke={COLORS.validation} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          ) : null}
          {markers.map((marker) => (
            <ReferenceDot key={marker.id} x={marker.x} y={marker.y} ifOverflow="extendDomain" shape={markerShape(marker)} />
          ))}
        </LineChart>
      )}
    </div>
  );
}
