/** The built-in models, their building blocks, and model loading from specs. */
export { ACTIVATIONS, getActivation, isActivation, type ActivationFunction } from './activations.js';
export { DenseNetwork, type DenseNetworkOptions } from './dense-network.js';
export { createMlp, type MlpOptions } from './mlp.js';
export { createDeepLinear, type DeepLinearOptions } from './deep-linear.js';
export { EXAMPLE1_FACTS, Example1Model, example1Derivative, example1Value, type Example1Options } from './example1.js';
export { assertModel, createModel, loadModel } from './create.js';
export { initParameters, type ParameterBlock } from './init.js';
