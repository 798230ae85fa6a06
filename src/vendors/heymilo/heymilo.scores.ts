/**
 * HeyMilo's evaluation → the unified scores: the scorecard (web-interview questions, resume
 * criteria, form questions), the match scores and the integrity result of cheat detection. Pure
 * and total, like the rest of the normaliser.
 */
import { type Integrity, type IntegrityViolation, type Score, type Scorecard, ScorecardCategory, type ScorecardItem, Speaker } from '../../domain/model';
import { scoreOnScale, scoreOnUnknownScale } from '../../domain/score';
import { vocabulary } from '../../domain/vocabulary';
import { finite, nonEmpty } from '../kit/values';
import type { RawHeymiloCheatDetection, RawHeymiloInterviewData, RawHeymiloScorecardQuestion } from './heymilo.raw';

/** A 0–100 number HeyMilo sends (the match scores) as a Score; null when it sent none. */
export function score0to100(raw: number | null | undefined): Score | null {
  return typeof raw === 'number' && Number.isFinite(raw) ? scoreOnScale(raw, 0, 100) : null;
}

/**
 * Voice/video transcript speakers: `Interviewer`, `Candidate`, `System` (any case). The transcript
 * reads every turn with it; a scorecard question's answer is its candidate turns.
 */
export const voiceSpeaker = vocabulary<Speaker>({ interviewer: Speaker.INTERVIEWER, candidate: Speaker.CANDIDATE, system: Speaker.SYSTEM }, Speaker.UNKNOWN);

/* ============================================================================ scorecard */

/**
 * Per-question scores: the vendor's OpenAPI says 1–10 (`ScorecardQuestion.score`: "Score (1-10)",
 * `score_5_description`: "midpoint anchor on 1-10 scale"), but HeyMilo's own guide says answers are
 * scored 1–5, and `score_5_description` reads like a top anchor (REFERENCE §2.4: ambiguous). The
 * vendor contradicts itself, so the scale is UNKNOWN: the number is kept raw, with no 0–100 value
 * that would be wrong by a factor of two under one of the readings. The declared range is kept
 * here for reference only.
 */
export const HEYMILO_QUESTION_DECLARED_SCALE = { min: 1, max: 10 } as const;

/** `ResumeScoreCriterion.score`: "Score (0.0-10.0)" per the spec. */
export const HEYMILO_RESUME_CRITERION_SCALE = { min: 0, max: 10 } as const;

/**
 * Items, in this order:
 * 1. `web_interview.scorecard[]` → QUESTION, sorted by `rank` (ask order; unranked last, vendor
 *    order kept). `answer` = the candidate's turns of that question's own transcript joined with
 *    "\n"; `notScored` items keep their score but are flagged (the vendor excludes them from
 *    averages); `weight` = `score_weight` (1–10).
 * 2. `resume.score_criteria[]` → CRITERION on 0–10; the AI's `reasons` become `feedback`.
 * 3. `form.questions[]` → MUST_HAVE when `is_knockout`, else CRITERION; pass/fail is a 0–1 score
 *    labelled `passed`/`failed` (null when the vendor did not say); `answer` = `candidate_answer`.
 * Resume eligibility and SMS criteria (pass/fail screening) are not mapped: they stay in `raw`.
 * `overall` = `web_interview.match_score` on 0–100 (null without a web interview).
 * Null when there is neither an overall score nor any item.
 */
export function normalizeHeymiloScorecard(raw: RawHeymiloInterviewData): Scorecard | null {
  const web = raw.web_interview ?? null;
  const items: ScorecardItem[] = [
    ...sortByRank(web?.scorecard ?? []).map(questionItem),
    ...(raw.resume?.score_criteria ?? []).map(
      (criterion): ScorecardItem => ({
        category: ScorecardCategory.CRITERION,
        name: nonEmpty(criterion.criteria_text) ?? nonEmpty(criterion.criteria_id) ?? 'Resume criterion',
        question: null,
        answer: null,
        score: finite(criterion.score) ? scoreOnScale(criterion.score, HEYMILO_RESUME_CRITERION_SCALE.min, HEYMILO_RESUME_CRITERION_SCALE.max) : null,
        feedback: joinLines(criterion.reasons ?? []),
        weight: null,
        notScored: false,
      }),
    ),
    ...(raw.form?.questions ?? []).map(
      (question): ScorecardItem => ({
        category: question.is_knockout === true ? ScorecardCategory.MUST_HAVE : ScorecardCategory.CRITERION,
        name: nonEmpty(question.question_text) ?? nonEmpty(question.question_id) ?? 'Form question',
        question: nonEmpty(question.question_text),
        answer: nonEmpty(question.candidate_answer),
        score: typeof question.passed === 'boolean' ? scoreOnScale(question.passed ? 1 : 0, 0, 1, { label: question.passed ? 'passed' : 'failed' }) : null,
        feedback: null,
        weight: null,
        notScored: false,
      }),
    ),
  ];
  const overall = score0to100(web?.match_score);
  if (!overall && items.length === 0) return null;
  return { overall, items };
}

function questionItem(question: RawHeymiloScorecardQuestion, index: number): ScorecardItem {
  const text = nonEmpty(question.question_text);
  const candidateTurns = (question.transcript ?? [])
    .filter((entry) => voiceSpeaker(entry.speaker) === Speaker.CANDIDATE)
    .map((entry) => entry.text ?? '')
    .filter((line) => line.trim().length > 0);
  return {
    category: ScorecardCategory.QUESTION,
    name: text ?? nonEmpty(question.question_id) ?? `Question ${question.rank ?? index + 1}`,
    question: text,
    answer: candidateTurns.length > 0 ? candidateTurns.join('\n') : null,
    score: finite(question.score) ? scoreOnUnknownScale(question.score) : null,
    feedback: nonEmpty(question.evaluation_summary),
    weight: finite(question.score_weight) ? question.score_weight : null,
    notScored: question.not_scored === true,
  };
}

function sortByRank(questions: readonly RawHeymiloScorecardQuestion[]): RawHeymiloScorecardQuestion[] {
  return questions
    .map((question, index) => ({ question, index }))
    .sort((a, b) => (a.question.rank ?? Infinity) - (b.question.rank ?? Infinity) || a.index - b.index)
    .map(({ question }) => question);
}

/* ============================================================================ integrity */

/**
 * `cheat_detection` → Integrity (null when absent: the posting has no cheat detection configured,
 * as in the documented /data example).
 *
 * Score: `overall_ranking` is 1–5 where 1 = no cheating and 5 = highly detected; ours is 0–100
 * where 100 = trustworthy, so the ranking is inverted (1 → 100, 3 → 50, 5 → 0). Null ranking →
 * null score. `overall_confidence` and `threshold` are not folded in (they qualify the ranking,
 * they are not a second score); they stay in `raw`.
 *
 * Violations: one per web-interview sub-signal that fired; the `type` uses HeyMilo's own
 * detection-type vocabulary where one matches (`types[]` in the spec):
 * - `cheat_detection_result.cheating_detected`   → `transcript_cheating` (value = confidence, description = reasonings)
 * - `llm_detection_result.llm_generated_detected` → `ai_scripted_answer` (value = confidence, description = reasonings)
 * - `unusual_delay_detection.delay_detected`      → `unusual_delays` (value = confidence)
 * - `tab_switch_detection.total_count > 0`        → `tab_switching` (value = count)
 * - `interview_integrity.aggregated.movements[]`  → one per movement type, snake_cased
 *   (`Eye Movement` → `eye_movement`, value = number of events)
 * `integrity_analysis_v2` is an undocumented raw payload and the resume GPT detection is not a
 * web-interview signal: neither is mapped; both stay in `raw`.
 */
export function normalizeIntegrity(cheat: RawHeymiloCheatDetection | null | undefined): Integrity | null {
  if (!cheat) return null;
  const ranking = cheat.overall_ranking;
  const violations: IntegrityViolation[] = [];
  const web = cheat.web_interview;
  if (web?.cheat_detection_result?.cheating_detected === true) {
    violations.push({
      type: 'transcript_cheating',
      value: numberText(web.cheat_detection_result.cheating_confidence),
      description: joinLines((web.cheat_detection_result.cheating_instances ?? []).map((i) => i.reasoning ?? '')),
    });
  }
  if (web?.llm_detection_result?.llm_generated_detected === true) {
    violations.push({
      type: 'ai_scripted_answer',
      value: numberText(web.llm_detection_result.detection_confidence),
      description: joinLines((web.llm_detection_result.llm_detected_segments ?? []).map((s) => s.reasoning ?? '')),
    });
  }
  if (web?.unusual_delay_detection?.delay_detected === true) {
    violations.push({ type: 'unusual_delays', value: numberText(web.unusual_delay_detection.delay_confidence), description: null });
  }
  const tabSwitches = web?.tab_switch_detection?.total_count;
  if (finite(tabSwitches) && tabSwitches > 0) {
    violations.push({ type: 'tab_switching', value: String(tabSwitches), description: null });
  }
  const movementCounts = new Map<string, number>();
  for (const movement of web?.interview_integrity?.aggregated?.movements ?? []) {
    const type = snake(movement.type);
    if (type) movementCounts.set(type, (movementCounts.get(type) ?? 0) + 1);
  }
  for (const [type, count] of movementCounts) violations.push({ type, value: String(count), description: null });

  return {
    score: finite(ranking) ? scoreOnScale(ranking, 1, 5, { invert: true }) : null,
    violations,
  };
}

/* ============================================================================ helpers */

function numberText(value: number | null | undefined): string | null {
  return finite(value) ? String(value) : null;
}

function joinLines(lines: readonly string[]): string | null {
  const kept = lines.filter((line) => line.trim().length > 0);
  return kept.length > 0 ? kept.join('\n') : null;
}

function snake(value: string | null | undefined): string | null {
  const out = (value ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return out.length > 0 ? out : null;
}
