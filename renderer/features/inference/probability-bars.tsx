/** Props of {@link ProbabilityBars}. */
export interface ProbabilityBarsProps {
  /** Whose prediction this is (a checkpoint id). */
  title: string;
  /** One probability per class, index = class. */
  probabilities: number[];
  /** Class names, index = class; the index is shown where a name is missing. */
  classNames: string[];
}

function percent(probability: number): string {
  return `${(probability * 100).toFixed(1)}%`;
}

/** Class probabilities as horizontal bars, the most likely class highlighted. */
export function ProbabilityBars({ title, probabilities, classNames }: ProbabilityBarsProps) {
  const top = probabilities.reduce((best, value, index) => (value > probabilities[best] ? index : best), 0);
  return (
    <figure className="probability-bars" aria-label={`Class probabilities of ${title}`}>
      <figcaption>
        <code>{title}</code>: <strong>{classNames[top] ?? String(top)}</strong> ({percent(probabilities[top] ?? 0)})
      </figcaption>
      <div className="bars">
        {probabilities.map((probability, index) => {
          const name = classNames[index] ?? String(index);
          return (
            <div
              key={index}
              className={`bar-row${index === top ? ' bar-top' : ''}`}
              data-testid="probability-bar"
              role="meter"
              aria-label={`${name}: ${percent(probability)}`}
              aria-valuemin={0}
              aria-valuemax={1}
              aria-valuenow={probability}
              aria-valuetext={percent(probability)}
            >
              <span className="bar-name" aria-hidden="true" title={name}>
                {name}
              </span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, probability)) * 100}%` }} />
              </span>
              <span className="bar-value" aria-hidden="true">
                {percent(probability)}
              </span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}
