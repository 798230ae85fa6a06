/** micro1 rates with labels (Junior/Senior, CEFR, "Great answer"); its numbers are on undocumented scales. */
import { ScorecardCategory, type Integrity, type IntegrityViolation, type Score, type Scorecard, type ScorecardItem } from '../../domain/model';
import { scoreFromLabel, scoreOnUnknownScale, type LabelLadder } from '../../domain/score';
import { finite, nonEmpty } from '../kit/values';
import type { Micro1Report } from './micro1.raw';

/**
 * `firstPoint`: 0 for the experience/quality ladders, 1 for CEFR (A1 = 1 … C2 = 6, REFERENCE.md
 * §6.5). Matching ignores case and whitespace, so "Great Answer" (seed) and "Great answer" (spec)
 * both map to 3/3.
 */
export const MICRO1_LADDERS = {
  /** technical_skills_evaluation, coding_skills_evaluation, custom_exercise_evaluation. */
  experience: { labels: ['Not experienced', 'Junior', 'Mid-level', 'Senior'], firstPoint: 0 },
  /** soft_skills_evaluation in English interviews. */
  cefr: { labels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'], firstPoint: 1 },
  /** soft_skills_evaluation in other languages. */
  softSkill: { labels: ['Not Experienced', 'Below Average', 'Average', 'Good', 'Excellent'], firstPoint: 0 },
  /** custom_question_evaluation. */
  customQuestion: {
    labels: ['Not an impressive answer', 'Average answer', 'Good answer', 'Great answer'],
    firstPoint: 0,
  },
} as const satisfies Record<string, LabelLadder>;

const ALL_LADDERS: readonly LabelLadder[] = [MICRO1_LADDERS.experience, MICRO1_LADDERS.cefr, MICRO1_LADDERS.softSkill, MICRO1_LADDERS.customQuestion];

/**
 * Older micro1 docs send "Senior" for soft skills and custom questions, so other ladders are
 * tried after the category's own; case-only twins ("Not experienced") resolve to the own ladder.
 */
function laddersFor(...own: LabelLadder[]): readonly LabelLadder[] {
  return [...own, ...ALL_LADDERS.filter((l) => !own.includes(l))];
}

const TECHNICAL_LADDERS = laddersFor(MICRO1_LADDERS.experience);

const SOFT_LADDERS = laddersFor(MICRO1_LADDERS.cefr, MICRO1_LADDERS.softSkill);

const CUSTOM_QUESTION_LADDERS = laddersFor(MICRO1_LADDERS.customQuestion);

/** A rating label as a Score; null when micro1 sent no (or an empty) rating. Unknown labels keep the label, value null. */
export function scoreFromRating(rating: string | null | undefined, ladders: readonly LabelLadder[]): Score | null {
  if (typeof rating !== 'string' || rating.trim().length === 0) return null;
  return scoreFromLabel(rating, ladders);
}

/**
 * UNKNOWN scale: REFERENCE §1.4 documents only "number, example 85". It reads like a percentage,
 * but that is not documented, so it is never ranked against documented scales.
 */
export function matchScore(report: Micro1Report): Score | null {
  return finite(report.ai_match_score) ? scoreOnUnknownScale(report.ai_match_score) : null;
}

/** `proctoring_score` on an UNKNOWN scale, as the match score. Null when proctoring was off (no score, no violations). */
export function normalizeIntegrity(report: Micro1Report): Integrity | null {
  const hasScore = finite(report.proctoring_score);
  const list = report.proctoring_violations;
  if (!hasScore && (list === null || list === undefined)) return null;
  const violations: IntegrityViolation[] = (list ?? []).map((v) => ({
    // A violation without a type is still a violation; 'unknown' keeps it visible.
    type: v.type?.trim() ? v.type : 'unknown',
    value: v.value === null || v.value === undefined ? null : String(v.value),
    description: v.description ?? null,
  }));
  return {
    score: hasScore ? scoreOnUnknownScale(report.proctoring_score as number) : null,
    violations,
  };
}

/** weight null: micro1 weights nothing. A nameless skill gets its category's generic name. */
export function normalizeScorecardItems(report: Micro1Report): ScorecardItem[] {
  const items: ScorecardItem[] = [];
  const item = (
    category: ScorecardCategory,
    name: string,
    evaluation: { feedback?: string | null; rating?: string | null } | null | undefined,
    ladders: readonly LabelLadder[],
    extra: { question?: string | null; answer?: string | null } = {},
  ): ScorecardItem => ({
    category,
    name,
    question: extra.question ?? null,
    answer: extra.answer ?? null,
    score: scoreFromRating(evaluation?.rating, ladders),
    feedback: evaluation?.feedback ?? null,
    weight: null,
    notScored: false,
  });

  for (const e of report.technical_skills_evaluation ?? []) {
    items.push(item(ScorecardCategory.TECHNICAL_SKILL, nameOr(e.skill, 'Technical skill'), e.ai_evaluation, TECHNICAL_LADDERS));
  }
  for (const e of report.soft_skills_evaluation ?? []) {
    items.push(item(ScorecardCategory.SOFT_SKILL, nameOr(e.skill, 'Soft skill'), e.ai_evaluation, SOFT_LADDERS));
  }
  if (report.coding_skills_evaluation) {
    items.push(item(ScorecardCategory.CODING, 'Coding', report.coding_skills_evaluation, TECHNICAL_LADDERS));
  }
  if (report.custom_exercise_evaluation) {
    items.push(item(ScorecardCategory.CODING, 'Custom exercise', report.custom_exercise_evaluation, TECHNICAL_LADDERS));
  }
  for (const e of report.custom_question_evaluation ?? []) {
    const question = nonEmpty(e.question_text);
    items.push(
      item(ScorecardCategory.CUSTOM_QUESTION, question ?? 'Custom question', e.ai_evaluation, CUSTOM_QUESTION_LADDERS, {
        question,
        answer: e.answer_text ?? null,
      }),
    );
  }
  return items;
}

/** overall = the report's match score; null when the report has neither a score nor any item. */
export function normalizeScorecard(report: Micro1Report): Scorecard | null {
  const overall = matchScore(report);
  const items = normalizeScorecardItems(report);
  return overall === null && items.length === 0 ? null : { overall, items };
}

function nameOr(value: string | null | undefined, fallback: string): string {
  return nonEmpty(value) ?? fallback;
}
