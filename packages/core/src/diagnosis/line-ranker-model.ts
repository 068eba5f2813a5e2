import { z } from 'zod';
import shipped from './line-ranker.json' with { type: 'json' };
import { lineFeatureNames } from './line-features.ts';

/**
 * A logistic line model: P(line belongs to the cause) = sigmoid(bias + Σ weight·(feature − mean)/scale).
 * `threshold` is the probability a line must beat to widen a range; both are fitted by the training script.
 */
export const LineRankerModel = z.object({
  version: z.literal(1),
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  threshold: z.number().min(0).max(1),
});
export type LineRankerModel = z.infer<typeof LineRankerModel>;

/** The weights shipped with the engine; fails loudly when they were trained on other features than the code reads. */
export const loadLineRanker = (raw: unknown = shipped): LineRankerModel => {
  const model = LineRankerModel.parse(raw);
  const expected = lineFeatureNames.join(',');
  if (model.features.join(',') !== expected) throw new Error(`line ranker weights are for features [${model.features.join(',')}], the code computes [${expected}]`);
  if ([model.mean, model.scale, model.weights].some((list) => list.length !== lineFeatureNames.length)) throw new Error('line ranker weights have the wrong length');
  return model;
};

/** Probability that a line with these features is part of the cause. */
export const scoreLineFeatures = (model: LineRankerModel, features: readonly number[]): number => {
  let z = model.bias;
  for (let i = 0; i < features.length; i++) z += (model.weights[i] ?? 0) * (((features[i] ?? 0) - (model.mean[i] ?? 0)) / (model.scale[i] ?? 1));
  return 1 / (1 + Math.exp(-z));
};
