import { type Score, ScoreScale } from './model';
import { normaliseWord } from './vocabulary';

/**
 * Linear onto 0–100, 2 decimals, clamped (`raw` keeps what was sent). `invert` is for scales where
 * the low end is best (HeyMilo cheat ranking).
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

export function scoreOnUnknownScale(raw: number, label: string | null = null): Score {
  return { value: null, raw, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label };
}

/** First entry is the lowest; matched case- and whitespace-insensitively. */
export interface LabelLadder {
  readonly labels: readonly string[];
  /** Points of the first label; later labels count up by one. */
  readonly firstPoint: number;
}

/** `raw` is the ordinal point, `value` its place on 0–100; a label on no ladder gets no value. */
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
