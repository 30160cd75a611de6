/**
 * A training run's configuration: what the CLI's flags and `--config` file, the UI's "New run"
 * form and the IPC `training:start` request all describe. One schema, validated in the engine.
 */
import { z } from 'zod';
import { BACKEND_NAMES } from './backend-report';

/** Multi-layer perceptron preset. */
export const mlpSpecSchema = z
  .object({
    preset: z.literal('mlp'),
    /** Units of each hidden layer. Defaults to [128]. */
    hiddenUnits: z.array(z.number().int().min(1).max(8192)).min(0).max(8).default([128]),
    /** Activation of the hidden layers. Defaults to 'relu'. */
    activation: z.enum(['relu', 'tanh', 'sigmoid', 'elu', 'selu']).default('relu'),
    /** Dropout after each hidden layer, in [0, 1). Defaults to 0. */
    dropout: z.number().min(0).max(0.95).default(0),
  })
  .strict();

/** Small convolutional network preset for images. */
export const cnnSpecSchema = z
  .object({
    preset: z.literal('cnn'),
    /** Filters of each 3x3 conv block (each followed by 2x2 max pooling). Defaults to [16, 32]. */
    filters: z.array(z.number().int().min(1).max(512)).min(1).max(4).default([16, 32]),
    /** Units of the dense layer before the output (0: none). Defaults to 64. */
    denseUnits: z.number().int().min(0).max(4096).default(64),
    /** Dropout before the output layer. Defaults to 0.1. */
    dropout: z.number().min(0).max(0.95).default(0.1),
  })
  .strict();

/** A user's tfjs layers `model.json` topology (weights, if any, are ignored: training starts fresh). */
export const customModelSpecSchema = z
  .object({
    preset: z.literal('custom'),
    /** Path of the `model.json` file. */
    topologyPath: z.string().min(1),
  })
  .strict();

/** The model to train. */
export const modelSpecSchema = z.discriminatedUnion('preset', [mlpSpecSchema, cnnSpecSchema, customModelSpecSchema]);

/** Optimisation settings. */
export const trainingSpecSchema = z
  .object({
    /** Number of epochs. Defaults to 5. */
    epochs: z.number().int().min(1).max(100_000).default(5),
    /** Samples per batch. Defaults to 64. */
    batchSize: z.number().int().min(1).max(65_536).default(64),
    /** Learning rate. Defaults to 0.001. */
    learningRate: z.number().positive().max(10).default(0.001),
    /** Optimizer. Defaults to 'adam'. */
    optimizer: z.enum(['adam', 'sgd', 'rmsprop', 'adagrad']).default('adam'),
    /** Shuffle the training samples every epoch. Defaults to true. */
    shuffle: z.boolean().default(true),
    /** Seed of weight initialisation (and of augmentation). Defaults to 0. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    /**
     * Image data only: shift every training image by up to this many pixels, anew each epoch
     * (position invariance for small image sets). 0 turns it off. Defaults to 0.
     */
    augmentShift: z.number().int().min(0).max(8).default(0),
  })
  .strict();

/** The checkpoint policy: ModelCheckpoint's options (paths are relative to the run's `checkpoints/`). */
export const checkpointPolicySchema = z
  .object({
    /** Template of checkpoint names inside the run's checkpoints folder. Defaults to 'epoch{epoch:02d}-{val_loss:.4f}'. */
    filepath: z.string().min(1).default('epoch{epoch:02d}-{val_loss:.4f}'),
    monitor: z.string().min(1).default('val_loss'),
    mode: z.enum(['auto', 'min', 'max']).default('auto'),
    saveBestOnly: z.boolean().default(true),
    saveWeightsOnly: z.boolean().default(false),
    /** 'epoch' or every N batches. */
    saveFreq: z.union([z.literal('epoch'), z.number().int().min(1)]).default('epoch'),
    saveTopK: z.number().int().min(-1).default(-1),
    saveLast: z.boolean().default(true),
    everyNEpochs: z.number().int().min(1).default(1),
    initialValueThreshold: z.number().nullable().default(null),
  })
  .strict();

/** A whole run configuration. The dataset spec is checked in depth by the engine's data loaders. */
export const runConfigSchema = z
  .object({
    /** A name for people; defaults to the data set and model. */
    name: z.string().max(200).optional(),
    dataset: z.object({ kind: z.enum(['mnist', 'iris', 'spirals', 'xor', 'csv']) }).passthrough(),
    model: modelSpecSchema,
    training: trainingSpecSchema.default(trainingSpecSchema.parse({})),
    checkpoint: checkpointPolicySchema.default(checkpointPolicySchema.parse({})),
    /** Backend to train on; 'auto' picks the fastest that loads. Defaults to 'auto'. */
    backend: z.enum(['auto', ...BACKEND_NAMES]).default('auto'),
  })
  .strict();

/** A run configuration as written (defaults optional). */
export type RunConfigInput = z.input<typeof runConfigSchema>;
/** A run configuration with every default filled in. */
export type RunConfig = z.output<typeof runConfigSchema>;
/** The model part. */
export type ModelSpec = z.output<typeof modelSpecSchema>;
/** The checkpoint policy part. */
export type CheckpointPolicy = z.output<typeof checkpointPolicySchema>;

/** One problem with a configuration, at a dotted path (`training.epochs`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * Validates a configuration from anywhere (a file, flags, the renderer). Returns the config with
 * defaults, or every issue found (a form shows them inline).
 */
export function parseRunConfig(input: unknown): { ok: true; config: RunConfig } | { ok: false; issues: ConfigIssue[] } {
  const parsed = runConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(config)', message: issue.message })),
  };
}
