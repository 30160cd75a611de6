import { useEffect, useState } from 'react';
import type { CheckpointView } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { EvaluationResult, Prediction } from '../../../shared/inference';
import type { RunRecord } from '../../../shared/run-record';
import { useWorkbench } from '../../api/use-workbench';
import { ErrorText } from '../../shared-ui/error-text';
import { formatMetric } from '../../shared-ui/format-metric';
import { ConfusionMatrix } from './confusion-matrix';
import { DigitCanvas } from './digit-canvas';
import { FeatureInputs, parseFeature } from './feature-inputs';
import { ProbabilityBars } from './probability-bars';

/** Props of {@link InferencePanel}. */
export interface InferencePanelProps {
  run: RunRecord;
  /** The reloaded checkpoint. */
  checkpointId: string;
  /** The run's checkpoints, to pick one to compare with. */
  checkpoints: CheckpointView[] | null;
  onClose: () => void;
}

/** Whether a run's inputs are MNIST images (drawn) rather than table rows (typed). */
function isMnist(run: RunRecord): boolean {
  return run.dataset.spec.kind === 'mnist';
}

function featureNames(run: RunRecord): string[] {
  const { featureNames: names, numFeatures } = run.dataset;
  return names.length === numFeatures ? names : Array.from({ length: numFeatures }, (_, i) => `feature ${i + 1}`);
}

function initialFeatureValues(run: RunRecord): string[] {
  // The training mean of each feature: a typical row, rather than zeros that may be far off.
  const mean = run.dataset.standardization?.mean;
  return featureNames(run).map((_, i) => (mean?.[i] !== undefined ? String(Number(mean[i].toPrecision(4))) : '0'));
}

/** Class names by index from a prediction's top-k list, for runs whose record lacks them. */
function namesFromTopK(prediction: Prediction): string[] {
  const names: string[] = [];
  for (const entry of prediction.topK) names[entry.classIndex] = entry.className;
  return names;
}

interface PredictionOutcome {
  checkpointId: string;
  prediction?: Prediction;
  error?: ErrorData;
}

/**
 * A checkpoint reloaded for inference: evaluation on the run's test split (metrics and a
 * confusion matrix), and prediction on a drawn digit (MNIST) or typed features, optionally
 * side by side with a second checkpoint on the same input.
 */
export function InferencePanel({ run, checkpointId, checkpoints, onClose }: InferencePanelProps) {
  const { api } = useWorkbench();
  const [evaluation, setEvaluation] = useState<EvaluationResult | null>(null);
  const [evaluateError, setEvaluateError] = useState<ErrorData | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [pixels, setPixels] = useState<Float32Array | null>(null);
  const [features, setFeatures] = useState<string[]>(() => initialFeatureValues(run));
  const [compareId, setCompareId] = useState('');
  const [predictions, setPredictions] = useState<PredictionOutcome[]>([]);
  const [predicting, setPredicting] = useState(false);

  useEffect(() => {
    setEvaluation(null);
    setEvaluateError(null);
    setPredictions([]);
    setCompareId((current) => (current === checkpointId ? '' : current));
  }, [checkpointId]);

  const mnist = isMnist(run);
  const names = featureNames(run);
  const parsedFeatures = features.map(parseFeature);
  const input: number[] | null = mnist ? (pixels ? Array.from(pixels) : null) : parsedFeatures.every((value) => value !== null) ? (parsedFeatures as number[]) : null;
  const comparable = (checkpoints ?? []).filter((view) => view.id !== checkpointId && view.integrity !== 'corrupt' && view.sidecar.kind !== 'placeholder');
  const classNames = run.dataset.classNames;

  const evaluate = async () => {
    setEvaluating(true);
    setEvaluateError(null);
    const result = await api.call('inference:evaluate', { runId: run.id, checkpointId });
    setEvaluating(false);
    if (result.ok) setEvaluation(result.value);
    else {
      setEvaluation(null);
      setEvaluateError(result.error);
    }
  };

  const predict = async () => {
    if (!input) return;
    setPredicting(true);
    const ids = [checkpointId, ...(compareId ? [compareId] : [])];
    const outcomes = await Promise.all(
      ids.map(async (id): Promise<PredictionOutcome> => {
        const result = await api.call('inference:predict', { runId: run.id, checkpointId: id, inputs: [input] });
        if (!result.ok) return { checkpointId: id, error: result.error };
        const prediction = result.value.predictions[0];
        return prediction ? { checkpointId: id, prediction } : { checkpointId: id, error: { code: 'INTERNAL', message: 'The engine returned no prediction.' } };
      }),
    );
    setPredicting(false);
    setPredictions(outcomes);
  };

  return (
    <section className="inference-panel" aria-labelledby="inference-title" data-testid="inference-panel">
      <header className="panel-header">
        <h3 id="inference-title">
          Inference with <code>{checkpointId}</code>
        </h3>
        <button type="button" onClick={onClose} aria-label="Close inference panel">
          Close
        </button>
      </header>

      <div className="inference-section">
        <h4>Evaluate</h4>
        <button type="button" onClick={() => void evaluate()} disabled={evaluating} data-testid="evaluate-button">
          Evaluate on test split
        </button>
        {evaluating ? <span role="status"> Evaluating…</span> : null}
        <ErrorText error={evaluateError} />
        {evaluation ? (
          <div className="evaluation" data-testid="evaluation-result">
            <p>
              {evaluation.samples.toLocaleString('en-US')} test samples:{' '}
              {Object.entries(evaluation.metrics)
                .map(([name, value]) => `${name} ${formatMetric(value)}`)
                .join(' · ')}
            </p>
            {evaluation.confusionMatrix ? <ConfusionMatrix matrix={evaluation.confusionMatrix} classNames={evaluation.classNames} /> : null}
          </div>
        ) : null}
      </div>

      <div className="inference-section">
        <h4>Predict</h4>
        {mnist ? <DigitCanvas onChange={setPixels} /> : <FeatureInputs names={names} values={features} onChange={setFeatures} />}
        <div className="predict-actions">
          <label>
            Compare with{' '}
            <select value={compareId} onChange={(event) => setCompareId(event.target.value)}>
              <option value="">no other checkpoint</option>
              {comparable.map((view) => (
                <option key={view.id} value={view.id}>
                  {view.id} (epoch {view.sidecar.epoch + 1})
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={() => void predict()} disabled={!input || predicting} data-testid="predict-button">
            Predict
          </button>
          {!input ? <span className="muted">{mnist ? 'Draw a digit first.' : 'Enter a number in every field.'}</span> : null}
          {predicting ? <span role="status">Predicting…</span> : null}
        </div>
        <div className={`predictions${predictions.length > 1 ? ' predictions-compare' : ''}`}>
          {predictions.map((outcome) =>
            outcome.error ? (
              <div key={outcome.checkpointId}>
                <code>{outcome.checkpointId}</code>
                <ErrorText error={outcome.error} />
              </div>
            ) : outcome.prediction && outcome.prediction.value !== null ? (
              <p key={outcome.checkpointId} data-testid="regression-prediction">
                <code>{outcome.checkpointId}</code>: predicted {run.dataset.labelName} <strong>{formatMetric(outcome.prediction.value)}</strong>
              </p>
            ) : outcome.prediction ? (
              <ProbabilityBars
                key={outcome.checkpointId}
                title={outcome.checkpointId}
                probabilities={outcome.prediction.probabilities}
                classNames={classNames.length ? classNames : namesFromTopK(outcome.prediction)}
              />
            ) : null,
          )}
        </div>
      </div>
    </section>
  );
}
