// Fits the salary model: a linear model of log(salary) over hashed features, by AdaGrad SGD with
// L2 decay and weight averaging, over a few passes of a stream of plain rows. The stream is read
// again on every pass instead of being held: 250,000 ads as feature vectors would take ~1 GB; the
// learner's state is 32 MB. A seeded shuffle buffer breaks up the source's order (a database returns
// ads by id, which groups imports and categories).
//
// The interval comes from conformal calibration on ads the weights never saw, chosen by group so a
// repost of a training ad never makes it look tighter than it is:
// - split (large data): a seeded tenth of the groups is held out; the model never trains on them;
// - cross (small data, where holding out hurts): K models, each trained without one K-th of the
//   groups, give an out-of-sample error for every row; the final model then trains on all rows.
import { ANNUAL_MAX, ANNUAL_MIN } from "@/lib/import/salary";
import { conformalByClass, conformalQuantile } from "./conformal";
import { DEFAULT_FEATURES, FeatureHasher, FeatureVector, type FeatureConfig, type SalaryAd } from "./features";
import { absoluteErrors, mean, median } from "./metrics";
import { intervalClass, MODEL_FORMAT_VERSION, predictLog, type SalaryModel } from "./model";
import { seededRandom, shuffleInPlace } from "./random";
import { hashString, mix32 } from "./tokens";

export type TrainingRow = SalaryAd & {
  /** annual salary in £ (SalaryNormalized); rows outside £1,000–£1,000,000 are skipped */
  salary: number;
  /** Rows with the same group (reposts of one job) stay together in calibration. Default: the row's position. */
  group?: string | number | null;
};

/** Called once per pass; must yield the same rows in the same order every time. */
export type TrainingSource = () => Iterable<TrainingRow> | AsyncIterable<TrainingRow>;

export type TrainOptions = {
  features?: Partial<FeatureConfig>;
  /** passes over the data; "auto": enough for ~`targetSteps` SGD steps, within 1–20 */
  epochs?: number | "auto";
  targetSteps?: number;
  learningRate?: number;
  /** L2 strength over the whole data set (as in ridge regression); each step decays weights by ridge / rows */
  ridge?: number;
  /** errors beyond this (in log £) count linearly, not squared: a mis-keyed salary should not drag the weights */
  huberDelta?: number;
  /** average the weights over the steps after this share of them (1: keep the last weights) */
  averageAfter?: number;
  /** "auto": cross up to `crossMaxRows` rows, split above */
  calibration?: "auto" | "split" | "cross";
  calibrationShare?: number;
  crossFolds?: number;
  crossMaxRows?: number;
  /** the interval's coverage, e.g. 0.8 for an 80% interval */
  coverage?: number;
  seed?: number;
  shuffleBuffer?: number;
  /** usable rows in the source, when the caller knows (saves a counting pass) */
  rowCount?: number;
  now?: () => Date;
  onProgress?: (p: { phase: string; epoch: number; rows: number }) => void;
};

/** Calibration ads a category needs for an interval of its own (the rest share one: conformalByClass). */
export const MIN_CLASS_CALIBRATION = 40;

export const DEFAULT_TRAINING = {
  epochs: "auto" as number | "auto",
  targetSteps: 40_000,
  learningRate: 0.1,
  ridge: 2,
  huberDelta: 0.2,
  averageAfter: 0.5,
  calibration: "auto" as "auto" | "split" | "cross",
  calibrationShare: 0.1,
  crossFolds: 5,
  crossMaxRows: 20_000,
  coverage: 0.8,
  seed: 1,
  shuffleBuffer: 1024,
};

type Settings = typeof DEFAULT_TRAINING & { features: FeatureConfig };
type Fitted = { bias: number; weights: Float32Array; rows: number };
type Include = (fold: number) => boolean;

export async function trainSalaryModel(source: TrainingSource, options: TrainOptions = {}): Promise<SalaryModel> {
  const s = settings(options);
  const hasher = new FeatureHasher(s.features);
  const rows = options.rowCount ?? (await countUsableRows(source));
  if (rows === 0) throw new Error("no rows with a salary to train on");
  // SGD needs steps more than passes: many passes over a few thousand ads, one over a hundred thousand.
  const epochs = s.epochs === "auto" ? Math.min(20, Math.max(1, Math.ceil(s.targetSteps / rows))) : s.epochs;
  const method = s.calibration === "auto" ? (rows <= s.crossMaxRows ? "cross" : "split") : s.calibration;
  const folds = method === "cross" ? s.crossFolds : Math.round(1 / s.calibrationShare);
  const foldOf = groupFolds(folds, s.seed);
  const progress = options.onProgress ?? (() => {});

  const fit = (phase: string, include: Include) => fitWeights(source, hasher, foldOf, folds, include, { ...s, epochs }, rows, (epoch, n) => progress({ phase, epoch, rows: n }));

  // Out-of-sample errors: |log salary − prediction| for the interval, £ errors for the record.
  const scores: number[] = [];
  const classes: string[] = [];
  const actual: number[] = [];
  const predicted: number[] = [];
  const score = async (model: Fitted, heldOut: number) => {
    await forEachRow(
      source,
      hasher,
      foldOf,
      (fold) => fold === heldOut,
      (row, x) => {
        const p = predictLog(model, x);
        scores.push(Math.abs(Math.log(row.salary) - p));
        classes.push(intervalClass(row));
        actual.push(row.salary);
        predicted.push(Math.exp(p));
      },
    );
  };

  let final: Fitted;
  if (method === "split") {
    // Fold 0 (a 1/folds share of the groups) is held out.
    final = await fit("train", (fold) => fold !== 0);
    await score(final, 0);
  } else {
    for (let k = 0; k < folds; k++) await score(await fit(`calibration model ${k + 1}/${folds}`, (fold) => fold !== k), k);
    final = await fit("train", () => true);
  }
  progress({ phase: "calibrated", epoch: 0, rows: scores.length });

  const logHalfWidth = conformalQuantile(scores, s.coverage);
  if (!Number.isFinite(logHalfWidth)) {
    throw new Error(`${scores.length} calibration ads are too few for a ${s.coverage * 100}% interval; train on more ads`);
  }
  const errors = absoluteErrors(actual, predicted);
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    trainedAt: (options.now?.() ?? new Date()).toISOString(),
    trainingAds: final.rows,
    calibrationAds: scores.length,
    features: s.features,
    training: {
      epochs,
      learningRate: s.learningRate,
      ridge: s.ridge,
      huberDelta: s.huberDelta,
      averageAfter: s.averageAfter,
      calibration: method,
      calibrationFolds: folds,
      seed: s.seed,
    },
    bias: final.bias,
    weights: final.weights,
    interval: { coverage: s.coverage, logHalfWidth, byCategory: conformalByClass(scores, classes, s.coverage, MIN_CLASS_CALIBRATION, logHalfWidth) },
    measured: {
      calibrationMae: Math.round(mean(errors)),
      calibrationMedianAbsoluteError: Math.round(median(errors)),
    },
  };
}

function settings(o: TrainOptions): Settings {
  const given = Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k in DEFAULT_TRAINING));
  const s: Settings = { ...DEFAULT_TRAINING, ...given, features: { ...DEFAULT_FEATURES, ...o.features } };
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new RangeError(message);
  };
  const whole = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
  check(s.epochs === "auto" || (whole(s.epochs, 1) && (s.epochs as number) <= 100), `epochs must be "auto" or a whole number from 1 to 100, got ${s.epochs}`);
  check(whole(s.targetSteps, 1), `targetSteps must be a whole number of at least 1, got ${s.targetSteps}`);
  check(s.learningRate > 0, `learningRate must be positive, got ${s.learningRate}`);
  check(s.ridge >= 0, `ridge must be zero or more, got ${s.ridge}`);
  check(s.huberDelta > 0, `huberDelta must be positive, got ${s.huberDelta}`);
  check(s.averageAfter >= 0 && s.averageAfter <= 1, `averageAfter must be between 0 and 1, got ${s.averageAfter}`);
  check(["auto", "split", "cross"].includes(s.calibration), `calibration must be "auto", "split" or "cross", got ${s.calibration}`);
  check(s.calibrationShare > 0 && s.calibrationShare <= 0.5, `calibrationShare must be in (0, 0.5], got ${s.calibrationShare}`);
  check(whole(s.crossFolds, 2), `crossFolds must be a whole number of at least 2, got ${s.crossFolds}`);
  check(s.coverage > 0 && s.coverage < 1, `coverage must be between 0 and 1, got ${s.coverage}`);
  check(whole(s.shuffleBuffer, 1), `shuffleBuffer must be a whole number of at least 1, got ${s.shuffleBuffer}`);
  return s;
}

/** Whether a salary can be trained on: a real annual figure in the range the importer accepts. */
export function isUsableSalary(salary: number): boolean {
  return Number.isFinite(salary) && salary >= ANNUAL_MIN && salary <= ANNUAL_MAX;
}

async function countUsableRows(source: TrainingSource): Promise<number> {
  let n = 0;
  for await (const row of source()) if (isUsableSalary(row.salary)) n++;
  return n;
}

/** Seeded fold (0..folds-1) of a row, by its group or else its position: the same on every pass. */
export function groupFolds(folds: number, seed: number): (row: TrainingRow, position: number) => number {
  const salt = mix32(seed ^ 0x5bd1e995);
  return (row, position) => {
    const g = row.group ?? position;
    const h = typeof g === "number" && Number.isInteger(g) ? mix32(mix32(g) ^ salt) : mix32(hashString(String(g)) ^ salt);
    return (h >>> 0) % folds;
  };
}

// One pass: every usable row of the wanted folds with its features (the vector is reused: copy
// what you keep). Rows of other folds are skipped before their text is read.
async function forEachRow(
  source: TrainingSource,
  hasher: FeatureHasher,
  foldOf: (row: TrainingRow, position: number) => number,
  wanted: Include,
  visit: (row: TrainingRow, x: FeatureVector) => void,
): Promise<void> {
  const x = new FeatureVector();
  let position = 0;
  for await (const row of source()) {
    const at = position++;
    if (!isUsableSalary(row.salary) || !wanted(foldOf(row, at))) continue;
    hasher.extract(row, x);
    visit(row, x);
  }
}

async function fitWeights(
  source: TrainingSource,
  hasher: FeatureHasher,
  foldOf: (row: TrainingRow, position: number) => number,
  folds: number,
  include: Include,
  s: Settings & { epochs: number },
  rows: number,
  progress: (epoch: number, rows: number) => void,
): Promise<Fitted> {
  const learner = new AdaGradLearner(1 << s.features.hashBits, s.learningRate, s.ridge / rows, s.huberDelta);
  // Averaging starts after a share of the steps this fit will take (rows of the included folds × epochs).
  const includedShare = Array.from({ length: folds }, (_, k) => k).filter(include).length / folds;
  if (s.averageAfter < 1) learner.averageFromStep(Math.floor(s.averageAfter * s.epochs * rows * includedShare));
  let seen = 0;
  for (let epoch = 1; epoch <= s.epochs; epoch++) {
    const buffer = new ShuffleBuffer(s.shuffleBuffer, mix32(s.seed * 7919 + epoch), learner);
    seen = 0;
    await forEachRow(source, hasher, foldOf, include, (row, x) => {
      seen++;
      buffer.offer(x, Math.log(row.salary));
    });
    buffer.drain();
    progress(epoch, seen);
  }
  return { ...learner.result(), rows: seen };
}

/**
 * AdaGrad on the Huber loss of log salary, with L2 decay on every weight at every step and weight
 * averaging, each step costing only the row's features:
 * - L2: weight j decays by c_j = learningRate·l2/√G_j a step (G_j: AdaGrad's sum of squared
 *   gradients), so rarely seen words, whose few ads are all the evidence, are held near zero most
 *   (measured: ~6% lower MAE on the real sample than one rate for all). The decay is applied
 *   lazily, when a row next uses the weight: dt steps at once, as 1/(1 + x + x²/2) with x = c_j·dt,
 *   which is e^(−x) to second order without a transcendental call per feature.
 * - Averaging (Polyak–Ruppert), from `startAveraging()` on: SGD's last iterate jitters around the
 *   optimum, the mean of the iterates sits closer. Each weight's running sum is brought up to date
 *   lazily too, with the integral of the decay over the steps it missed.
 * The state of weight j lives at 4j..4j+3 (weight, G_j, the step it is up to date with, running
 * sum): one cache line per feature instead of four, which is most of the cost of a step.
 */
export class AdaGradLearner {
  private readonly state: Float64Array;
  private bias = NaN; // starts at the first row's log salary, so early steps learn differences, not the level
  private biasSumSq = 0;
  private steps = 0;
  private averagedSteps = -1; // steps since averaging began; -1 = not averaging
  private biasSum = 0;
  private readonly decayRate: number;

  constructor(
    private readonly size: number,
    private readonly learningRate: number,
    l2: number,
    private readonly huberDelta: number,
  ) {
    this.state = new Float64Array(size * 4);
    this.decayRate = learningRate * l2;
  }

  private startAt = Infinity;

  /** Start averaging once this many steps have been taken (0: from the first). */
  averageFromStep(step: number): void {
    this.startAt = step;
    if (this.steps >= step) this.startAveraging();
  }

  startAveraging(): void {
    if (this.averagedSteps >= 0) return;
    for (let at = 0; at < this.state.length; at += 4) this.catchUp(at, false);
    this.averagedSteps = 0;
  }

  // Decays the weight at `at` for the steps since it was last brought up to date, adding the
  // values it held meanwhile to its running sum when averaging.
  private catchUp(at: number, averaging: boolean): void {
    const st = this.state;
    const dt = this.steps - st[at + 2];
    if (dt <= 0) return;
    st[at + 2] = this.steps;
    const w = st[at];
    if (w === 0 || this.decayRate === 0) {
      if (averaging) st[at + 3] += w * dt;
      return;
    }
    const c = this.decayRate / Math.sqrt(st[at + 1]);
    const x = c * dt;
    const after = 1 / (1 + x + 0.5 * x * x);
    if (averaging) st[at + 3] += x < 1e-9 ? w * dt : (w * (1 - after)) / c;
    st[at] = w * after;
  }

  step(index: Int32Array, value: Float32Array, n: number, y: number): void {
    const st = this.state;
    const averaging = this.averagedSteps >= 0;
    if (Number.isNaN(this.bias)) this.bias = y;
    let p = this.bias;
    for (let i = 0; i < n; i++) {
      const at = index[i] << 2;
      this.catchUp(at, averaging);
      p += st[at] * value[i];
    }
    const err = p - y;
    const g = err > this.huberDelta ? this.huberDelta : err < -this.huberDelta ? -this.huberDelta : err;
    const lr = this.learningRate;
    if (g !== 0) {
      this.biasSumSq += g * g;
      this.bias -= (lr * g) / Math.sqrt(this.biasSumSq);
      for (let i = 0; i < n; i++) {
        const at = index[i] << 2;
        const gj = g * value[i];
        if (gj === 0) continue;
        const G = st[at + 1] + gj * gj;
        st[at + 1] = G;
        st[at] -= (lr * gj) / Math.sqrt(G);
      }
    }
    this.steps++;
    if (averaging) {
      this.averagedSteps++;
      this.biasSum += this.bias;
    } else if (this.steps >= this.startAt) this.startAveraging();
  }

  /** The averaged weights and bias when averaging ran for at least one step, else the current ones. */
  result(): { bias: number; weights: Float32Array } {
    const st = this.state;
    const n = this.averagedSteps;
    const out = new Float32Array(this.size);
    for (let j = 0; j < this.size; j++) {
      this.catchUp(4 * j, n > 0);
      out[j] = n > 0 ? st[4 * j + 3] / n : st[4 * j];
    }
    if (n > 0) return { bias: this.biasSum / n, weights: out };
    return { bias: Number.isNaN(this.bias) ? 0 : this.bias, weights: out };
  }
}

/**
 * Hands rows on in a random order within a window: once full, each new row takes the place of a
 * random waiting one, which is handed on. Slots keep their arrays, so a pass allocates nothing per row.
 */
class ShuffleBuffer {
  private readonly index: Int32Array[] = [];
  private readonly value: Float32Array[] = [];
  private readonly length: number[] = [];
  private readonly y: number[] = [];
  private filled = 0;
  private readonly random: () => number;

  constructor(
    private readonly capacity: number,
    seed: number,
    private readonly learner: AdaGradLearner,
  ) {
    this.random = seededRandom(seed);
  }

  offer(x: FeatureVector, y: number): void {
    let slot: number;
    if (this.filled < this.capacity) slot = this.filled++;
    else {
      slot = Math.floor(this.random() * this.capacity);
      this.take(slot);
    }
    this.store(slot, x, y);
  }

  drain(): void {
    const order = shuffleInPlace(
      Array.from({ length: this.filled }, (_, i) => i),
      this.random,
    );
    for (const slot of order) this.take(slot);
    this.filled = 0;
  }

  private take(slot: number): void {
    this.learner.step(this.index[slot], this.value[slot], this.length[slot], this.y[slot]);
  }

  private store(slot: number, x: FeatureVector, y: number): void {
    if (!this.index[slot] || this.index[slot].length < x.n) {
      const size = Math.max(256, 1 << Math.ceil(Math.log2(x.n)));
      this.index[slot] = new Int32Array(size);
      this.value[slot] = new Float32Array(size);
    }
    this.index[slot].set(x.index.subarray(0, x.n));
    const v = this.value[slot];
    for (let i = 0; i < x.n; i++) v[i] = x.value[i];
    this.length[slot] = x.n;
    this.y[slot] = y;
  }
}
