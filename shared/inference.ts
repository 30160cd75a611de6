/**
 * Results of reloading a checkpoint for inference: evaluation on the test split and predictions.
 */

/** Evaluation of a checkpoint on its run's test split. */
export interface EvaluationResult {
  runId: string;
  checkpointId: string;
  /** Test samples evaluated. */
  samples: number;
  /** Loss and compiled metrics, tfjs names (`loss`, `acc`, `mse`, ...). */
  metrics: Record<string, number>;
  /** For classification: rows are true classes, columns predicted classes. Null for regression. */
  confusionMatrix: number[][] | null;
  classNames: string[];
}

/** One input's prediction. */
export interface Prediction {
  /** Classification: probability per class (index = class). Regression: empty. */
  probabilities: number[];
  /** Classification: the k most likely classes, best first. */
  topK: Array<{ classIndex: number; className: string; probability: number }>;
  /** Regression: the predicted value. Null for classification. */
  value: number | null;
}

/** Predictions of a checkpoint for a batch of inputs. */
export interface PredictionResult {
  runId: string;
  checkpointId: string;
  predictions: Prediction[];
}
