/** Xobin documents no scale for its integer scores except the integrity's. */
import { type Integrity, Recommendation, type Scorecard, ScorecardCategory, type ScorecardItem } from '../../domain/model';
import { scoreOnScale, scoreOnUnknownScale } from '../../domain/score';
import { vocabulary } from '../../domain/vocabulary';
import { finite, nonEmpty } from '../kit/values';
import type { RawXobinReport, RawXobinSkillScore } from './xobin.raw';

/* ============================================================================ recommendation */

/**
 * `recommendation` "indicates whether the candidate is recommended for the role"; Xobin does not
 * list its words, so these are our guesses, kept narrow:
 * | words                                                           | ours          |
 * |-----------------------------------------------------------------|---------------|
 * | Highly Recommended, Strongly Recommended                        | STRONG_YES    |
 * | Recommended, Yes                                                | YES           |
 * | Not Recommended, No                                             | NO            |
 * | Strongly Not Recommended, Highly Not Recommended, Not Recommended At All | DEFINITELY_NO |
 * | Maybe, Consider, On Hold, anything else, null                   | NO_DECISION   |
 *
 * `recommendationRaw` always keeps the word as sent, so an unmapped word is visible, not lost.
 */
export function mapXobinRecommendation(word: string | null | undefined): Recommendation {
  return recommendationWords((word ?? '').replace(/[_-]+/g, ' '));
}

const recommendationWords = vocabulary<Recommendation>(
  {
    'highly recommended': Recommendation.STRONG_YES,
    'strongly recommended': Recommendation.STRONG_YES,
    recommended: Recommendation.YES,
    yes: Recommendation.YES,
    'not recommended': Recommendation.NO,
    no: Recommendation.NO,
    'strongly not recommended': Recommendation.DEFINITELY_NO,
    'highly not recommended': Recommendation.DEFINITELY_NO,
    'not recommended at all': Recommendation.DEFINITELY_NO,
    maybe: Recommendation.NO_DECISION,
    consider: Recommendation.NO_DECISION,
    'on hold': Recommendation.NO_DECISION,
  },
  Recommendation.NO_DECISION,
);

/* ============================================================================ integrity */

/** `integrity_score` "is measured on a scale of 0 - 10"; 10 = best (webhook sample: "outstanding integrity score of 10.0"). */
export const XOBIN_INTEGRITY_SCALE = { min: 0, max: 10 } as const;

/**
 * `integrity_score` → Integrity on 0–100 (same direction: 10 → 100). Xobin lists no individual
 * violations, so `violations` is empty. Null when the score is absent.
 */
export function normalizeXobinIntegrity(value: number | null | undefined): Integrity | null {
  if (!finite(value)) return null;
  return { score: scoreOnScale(value, XOBIN_INTEGRITY_SCALE.min, XOBIN_INTEGRITY_SCALE.max), violations: [] };
}

/* ============================================================================ scorecard */

/**
 * Skill scores are on a scale Xobin does not document (the webhook sample mentions a skill
 * "scoring just 1"), so raw only. A nameless skill is "Must-have N" / "Nice-to-have N" so it shows.
 */
export function normalizeXobinScorecard(raw: RawXobinReport, overall: Scorecard['overall']): Scorecard | null {
  const items: ScorecardItem[] = [
    ...(raw.skill_wise_scores?.must_haves ?? []).map((s, i) => skillItem(s, ScorecardCategory.MUST_HAVE, `Must-have ${i + 1}`)),
    ...(raw.skill_wise_scores?.nice_to_haves ?? []).map((s, i) => skillItem(s, ScorecardCategory.NICE_TO_HAVE, `Nice-to-have ${i + 1}`)),
  ];
  if (!overall && items.length === 0) return null;
  return { overall, items };
}

function skillItem(skill: RawXobinSkillScore, category: ScorecardCategory, fallbackName: string): ScorecardItem {
  return {
    category,
    name: nonEmpty(skill.skill_name) ?? fallbackName,
    question: null,
    answer: null,
    score: finite(skill.score) ? scoreOnUnknownScale(skill.score) : null,
    feedback: null,
    weight: null,
    notScored: false,
  };
}
