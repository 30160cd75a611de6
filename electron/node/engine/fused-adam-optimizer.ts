import * as tf from '@tensorflow/tfjs';

import { ADAM_UPDATE, type AdamUpdateAttrs } from '../backends/wasm-kernels/adam-update';

/** What `applyGradients` receives: gradients by variable name, or a list of named gradients. */
type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

interface OptimizerVariable {
  originalName: string;
  variable: tf.Variable;
}

/** The state tfjs 4.22's AdamOptimizer keeps in private fields, which a fused step must update. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: OptimizerVariable[];
  accumulatedSecondMoment: OptimizerVariable[];
}

/**
 * tfjs's Adam, with each variable's step run as one fused kernel ({@link ADAM_UPDATE}) on backends
 * that have it (wasm, with the workbench kernels), and as tfjs's own ~14 kernels elsewhere.
 *
 * Everything else is the stock optimizer's: its class name ("Adam"), config, weights (`<var>/m`,
 * `<var>/v`, iterations) and so checkpoints, `setWeights` on resume, and the arithmetic: the fused
 * kernel does the same float32 operations in the same order, so a run trains to the same numbers.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon);
    const state = this as unknown as Partial<AdamState>;
    if (!(state.accBeta1 instanceof tf.Variable) || !Array.isArray(state.accumulatedFirstMoment) || !Array.isArray(state.accumulatedSecondMoment)) {
      throw new Error('FusedAdamOptimizer: this version of tfjs keeps AdamOptimizer state differently than 4.22; use tf.train.adam.');
    }
  }

  override applyGradients(variableGradients: VariableGradients): void {
    if (tf.getKernel(ADAM_UPDATE, tf.getBackend()) === undefined) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    tf.tidy(() => {
      const accBeta1 = state.accBeta1.dataSync()[0];
      const accBeta2 = state.accBeta2.dataSync()[0];
      const attrs: AdamUpdateAttrs = { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, accBeta1, accBeta2 };
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        // Slots as the stock optimizer makes them: same index, same names, not trainable.
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i].variable;
        const v = state.accumulatedSecondMoment[i].variable;
        const [newValue, newM, newV] = tf.engine().runKernel(
          ADAM_UPDATE,
          { value, gradient, m, v },
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      // As the stock step: accBeta <- accBeta * beta, in float32.
      state.accBeta1.assign(tf.scalar(Math.fround(accBeta1 * Math.fround(this.beta1))));
      state.accBeta2.assign(tf.scalar(Math.fround(accBeta2 * Math.fround(this.beta2))));
    });
    this.incrementIterations();
  }
}
