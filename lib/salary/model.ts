// A trained salary model as plain data, and what it says about one ad: the estimate, its interval
// and (explain) the words and fields behind it. The model is linear in log(salary), so a feature's
// contribution is weight × value and the contributions with the bias add up to the estimate.
import { DEFAULT_FEATURES, FeatureHasher, FeatureVector, type FeatureConfig, type FeatureField, type FeatureLabel, type SalaryAd } from "./features";
import { OTHER_CLASS } from "./conformal";

export const MODEL_FORMAT_VERSION = 1;

/** Figures measured when the model was trained (on its held-out calibration ads) or evaluated later. */
export type SalaryModelMeasures = Record<string, number>;

export type SalaryModel = {
  formatVersion: number;
  trainedAt: string; // ISO time
  /** ads the weights were fitted on, and ads held out to calibrate the interval */
  trainingAds: number;
  calibrationAds: number;
  features: FeatureConfig;
  /** how it was trained (for the record and to train the next one alike) */
  training: {
    epochs: number;
    learningRate: number;
    ridge: number;
    huberDelta: number;
    averageAfter: number;
    calibration: "split" | "cross";
    calibrationFolds: number;
    seed: number;
  };
  bias: number; // log(£)
  weights: Float32Array; // 2^hashBits
  /**
   * Split conformal: |log(salary) − prediction| on held-out ads was at most `logHalfWidth` for the
   * share `coverage` of them, so [e^(p−q), e^(p+q)] covers that share of new ads like them.
   */
  interval: {
    coverage: number;
    logHalfWidth: number;
    /**
     * Mondrian conformal: the half-width per category (categories with few calibration ads share
     * one, under OTHER_CLASS too); absent in models trained before it (then logHalfWidth for all).
     */
    byCategory?: Record<string, number>;
  };
  measured: SalaryModelMeasures;
};

export type SalaryEstimate = {
  salary: number; // £ a year, whole pounds
  low: number;
  high: number;
  coverage: number; // the interval's intended coverage, e.g. 0.8
  logSalary: number; // the model's raw output
};

export type Contribution = {
  field: FeatureField;
  text: string; // the word, word pair or value ("staff nurse", "London › East London")
  /** change in log(salary); e^contribution is the factor it multiplies the estimate by */
  contribution: number;
};

export type SalaryExplanation = {
  estimate: SalaryEstimate;
  bias: number;
  /** every feature of the ad, grouped by field and text; with the bias they sum to logSalary */
  contributions: Contribution[];
  /** the largest positive contributions, biggest first */
  up: Contribution[];
  /** the largest negative contributions, most negative first */
  down: Contribution[];
};

/** log(£) for a feature vector: bias + Σ weight × value, summed in entry order. */
export function predictLog(model: Pick<SalaryModel, "bias" | "weights">, x: FeatureVector): number {
  let s = model.bias;
  const w = model.weights;
  for (let i = 0; i < x.n; i++) s += w[x.index[i]] * x.value[i];
  return s;
}

/** The class an ad's interval is calibrated in: its category. */
export const intervalClass = (ad: Pick<SalaryAd, "category">): string => ad.category || "(none)";

export function toEstimate(model: SalaryModel, logSalary: number, ad?: Pick<SalaryAd, "category">): SalaryEstimate {
  const byCategory = model.interval.byCategory;
  const q = (byCategory && ad && (byCategory[intervalClass(ad)] ?? byCategory[OTHER_CLASS])) || model.interval.logHalfWidth;
  return {
    salary: Math.round(Math.exp(logSalary)),
    low: Math.round(Math.exp(logSalary - q)),
    high: Math.round(Math.exp(logSalary + q)),
    coverage: model.interval.coverage,
    logSalary,
  };
}

/**
 * Estimates salaries with one model. Holds the feature hasher's scratch arrays (2 × 4 MB at 2^20),
 * so make one per model and reuse it; not for concurrent use from several async tasks at once.
 */
export class SalaryEstimator {
  private readonly hasher: FeatureHasher;
  private readonly x = new FeatureVector();

  constructor(readonly model: SalaryModel) {
    if (model.weights.length !== 1 << model.features.hashBits) {
      throw new Error(`model has ${model.weights.length} weights but hashBits ${model.features.hashBits}`);
    }
    this.hasher = new FeatureHasher({ ...DEFAULT_FEATURES, ...model.features });
  }

  estimate(ad: SalaryAd): SalaryEstimate {
    this.hasher.extract(ad, this.x);
    return toEstimate(this.model, predictLog(this.model, this.x), ad);
  }

  /** The estimate and why: contributions per word / pair / field value, `top` each way. */
  explain(ad: SalaryAd, top = 8): SalaryExplanation {
    const labels: FeatureLabel[] = [];
    this.hasher.extract(ad, this.x, labels);
    const { bias, weights } = this.model;
    // Sum in entry order, exactly as predictLog does, so the parts add up to the same number.
    let logSalary = bias;
    const byLabel = new Map<string, Contribution>();
    for (let i = 0; i < this.x.n; i++) {
      const part = weights[this.x.index[i]] * this.x.value[i];
      logSalary += part;
      const { field, text } = labels[i];
      const key = `${field}\u0000${text}`;
      const seen = byLabel.get(key);
      if (seen) seen.contribution += part;
      else byLabel.set(key, { field, text, contribution: part });
    }
    const contributions = [...byLabel.values()];
    const up = contributions
      .filter((c) => c.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, top);
    const down = contributions
      .filter((c) => c.contribution < 0)
      .sort((a, b) => a.contribution - b.contribution)
      .slice(0, top);
    return { estimate: toEstimate(this.model, logSalary, ad), bias, contributions, up, down };
  }
}
