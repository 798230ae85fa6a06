import { type Score, ScoreScale } from './model';
import { normaliseWord } from './vocabulary';

/**
 * A numeric score on a known scale, normalised linearly to 0–100 (rounded to 2 decimals): a
 * `PERCENT` score (label ladders pass `scale: ORDINAL`).
 * `invert` flips the direction for scales where the low end is best (HeyMilo cheat ranking).
 * Values outside the scale are clamped for `value`; `raw` keeps what the vendor sent.
 */
export function scoreOnScale(
  raw: number,
  scaleMin: number,
  scaleMax: number,
  options: { invert?: boolean; label?: string | null; scale?: ScoreScale } = {},
): Score {
  const span = scaleMax - scaleMin;
  let fraction = span === 0 ? 0 : (raw - scaleMin) / span;
  fraction = Math.min(1, Math.max(0, fraction));
  if (options.invert) fraction = 1 - fraction;
  return {
    value: Math.round(fraction * 10000) / 100,
    raw,
    scaleMin,
    scaleMax,
    scaleKnown: true,
    scale: options.scale ?? ScoreScale.PERCENT,
    label: options.label ?? null,
  };
}

/** A number whose scale the vendor does not document: kept raw, no 0–100 value. */
export function scoreOnUnknownScale(raw: number, label: string | null = null): Score {
  return { value: null, raw, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label };
}

/**
 * An ordinal label ladder: the first entry is the lowest. Labels are matched case- and
 * whitespace-insensitively (vendors drift: "Great Answer" vs "Great answer").
 */
export interface LabelLadder {
  readonly labels: readonly string[];
  /** Points of the first label; later labels count up by one. */
  readonly firstPoint: number;
}

/**
 * Maps a label onto its ladder: `raw` is the ordinal point, `value` the point on 0–100, and the
 * label is kept as the vendor wrote it. A label on no ladder keeps `label` with no value.
 */
export function scoreFromLabel(label: string, ladders: readonly LabelLadder[]): Score {
  const wanted = normaliseWord(label);
  for (const ladder of ladders) {
    const index = ladder.labels.findIndex((l) => normaliseWord(l) === wanted);
    if (index >= 0) {
      const min = ladder.firstPoint;
      const max = ladder.firstPoint + ladder.labels.length - 1;
      return scoreOnScale(min + index, min, max, { label, scale: ScoreScale.ORDINAL });
    }
  }
  return { value: null, raw: null, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label };
}
