/** Evalyo documents no `evaluation` shape: the one read here is this project's assumption (evalyo.raw.ts). */
import { type Integrity, type Score, type Scorecard, ScorecardCategory, type ScorecardItem } from '../../domain/model';
import { scoreOnScale, scoreOnUnknownScale } from '../../domain/score';
import { finite, nonEmpty } from '../kit/values';
import type { RawEvalyoEvaluation } from './evalyo.raw';

/**
 * UNKNOWN scale: Evalyo documents no `evaluation` shape (REFERENCE §5: "scales not documented"),
 * so the number is kept raw and never ranked against documented scales.
 */
export function overallScore(evaluation: RawEvalyoEvaluation | null): Score | null {
  return finite(evaluation?.overallScore) ? scoreOnUnknownScale(evaluation.overallScore) : null;
}

/** Criteria of one evaluation may use different maxima; a missing or non-positive `maxScore` leaves the scale unknown. */
export function normalizeEvalyoScorecard(evaluation: RawEvalyoEvaluation | null | undefined): Scorecard | null {
  if (!evaluation) return null;
  const items: ScorecardItem[] = (evaluation.criteria ?? []).map((criterion, index) => ({
    category: ScorecardCategory.CRITERION,
    name: nonEmpty(criterion.name) ?? `Criterion ${index + 1}`,
    question: null,
    answer: null,
    score: criterionScore(criterion.score, criterion.maxScore),
    feedback: nonEmpty(criterion.comment),
    weight: finite(criterion.weight) ? criterion.weight : null,
    notScored: false,
  }));
  const overall = overallScore(evaluation);
  if (!overall && items.length === 0) return null;
  return { overall, items };
}

function criterionScore(score: number | null | undefined, maxScore: number | null | undefined): Score | null {
  if (!finite(score)) return null;
  return finite(maxScore) && maxScore > 0 ? scoreOnScale(score, 0, maxScore) : scoreOnUnknownScale(score);
}

/**
 * `score` is always null: Evalyo reports no integrity number (the agent's `suspicionLevel` 0–3 is
 * a setting, not a result). No `flags` list means not assessed (null); an empty one, nothing flagged.
 */
export function normalizeEvalyoIntegrity(evaluation: RawEvalyoEvaluation | null | undefined): Integrity | null {
  const flags = evaluation?.flags;
  if (flags === null || flags === undefined) return null;
  return {
    score: null,
    violations: flags.map((f) => ({ type: nonEmpty(f.type) ?? 'unknown', value: nonEmpty(f.severity), description: nonEmpty(f.description) })),
  };
}
