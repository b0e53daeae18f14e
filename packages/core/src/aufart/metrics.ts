/**
 * Agreement metrics used by the AUFART evaluation: ICC(3,1) (Shrout & Fleiss, two-way mixed,
 * consistency, single rater), mean absolute error, F1 and AUROC.
 */

/** ICC(3,1) between two raters (truth and prediction) over n targets; 0 when undefined (no variance). */
export function icc31(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length, k = 2;
  if (n < 2) return 0;
  let grand = 0;
  for (let i = 0; i < n; i++) grand += a[i] + b[i];
  grand /= n * k;
  let ssRows = 0, ssTotal = 0, ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    const m = (a[i] + b[i]) / 2;
    ssRows += k * (m - grand) ** 2;
    ssTotal += (a[i] - grand) ** 2 + (b[i] - grand) ** 2;
    ma += a[i]; mb += b[i];
  }
  ma /= n; mb /= n;
  const ssCols = n * ((ma - grand) ** 2 + (mb - grand) ** 2);
  const bms = ssRows / (n - 1);
  const ems = (ssTotal - ssRows - ssCols) / ((n - 1) * (k - 1));
  const den = bms + (k - 1) * ems;
  return den > 1e-12 ? (bms - ems) / den : 0;
}

export function meanAbsoluteError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return a.length ? s / a.length : 0;
}

/** F1 of binary predictions against binary truth; 1 when both have no positives. */
export function f1Score(truth: ArrayLike<boolean>, pred: ArrayLike<boolean>): number {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (pred[i] && truth[i]) tp++;
    else if (pred[i]) fp++;
    else if (truth[i]) fn++;
  }
  return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

/** Area under the ROC curve of scores separating positives from negatives (ties count half). */
export function auroc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  let pos = 0, neg = 0, wins = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!positive[i]) continue;
    pos++;
    for (let j = 0; j < scores.length; j++) {
      if (positive[j]) continue;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  for (let j = 0; j < scores.length; j++) if (!positive[j]) neg++;
  return pos && neg ? wins / (pos * neg) : 0.5;
}
