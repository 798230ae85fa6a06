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
  const rung = rungsOf(ladders).get(normaliseWord(label));
  if (rung) return scoreOnScale(rung.point, rung.min, rung.max, { label, scale: ScoreScale.ORDINAL });
  return { value: null, raw: null, scaleMin: null, scaleMax: null, scaleKnown: false, scale: ScoreScale.UNKNOWN, label };
}

interface Rung {
  point: number;
  min: number;
  max: number;
}

/** Each ladder list's labels, normalised once: a vendor's lists are constants, rated hundreds of times a page. */
const RUNGS = new WeakMap<readonly LabelLadder[], ReadonlyMap<string, Rung>>();

/** The first ladder naming a label wins, and within a ladder its first rung (as a scan in order would find). */
function rungsOf(ladders: readonly LabelLadder[]): ReadonlyMap<string, Rung> {
  let rungs = RUNGS.get(ladders);
  if (!rungs) {
    const built = new Map<string, Rung>();
    for (const ladder of ladders) {
      const min = ladder.firstPoint;
      const max = ladder.firstPoint + ladder.labels.length - 1;
      ladder.labels.forEach((l, index) => {
        const word = normaliseWord(l);
        if (!built.has(word)) built.set(word, { point: min + index, min, max });
      });
    }
    rungs = built;
    RUNGS.set(ladders, rungs);
  }
  return rungs;
}
