import { type Integrity, type IntegrityViolation, type Score, type Scorecard, ScorecardCategory, type ScorecardItem, Speaker } from '../../domain/model';
import { scoreOnScale, scoreOnUnknownScale } from '../../domain/score';
import { vocabulary } from '../../domain/vocabulary';
import { finite, nonEmpty } from '../kit/values';
import type { RawHeymiloCheatDetection, RawHeymiloInterviewData, RawHeymiloScorecardQuestion } from './heymilo.raw';

/** A 0–100 number HeyMilo sends (the match scores) as a Score; null when it sent none. */
export function score0to100(raw: number | null | undefined): Score | null {
  return typeof raw === 'number' && Number.isFinite(raw) ? scoreOnScale(raw, 0, 100) : null;
}

/** Matched in any case. A scorecard question's answer is its candidate turns. */
export const voiceSpeaker = vocabulary<Speaker>({ interviewer: Speaker.INTERVIEWER, candidate: Speaker.CANDIDATE, system: Speaker.SYSTEM }, Speaker.UNKNOWN);

/* ============================================================================ scorecard */

/**
 * The OpenAPI says 1–10 ("Score (1-10)", `score_5_description`: "midpoint anchor on 1-10 scale"),
 * HeyMilo's guide says 1–5 and the anchor reads like a top one (REFERENCE §2.4). The vendor
 * contradicts itself, so the scale is UNKNOWN: a 0–100 value would be wrong by a factor of two
 * under one reading. The declared range is kept for reference only.
 */
export const HEYMILO_QUESTION_DECLARED_SCALE = { min: 1, max: 10 } as const;

/** `ResumeScoreCriterion.score`: "Score (0.0-10.0)" per the spec. */
export const HEYMILO_RESUME_CRITERION_SCALE = { min: 0, max: 10 } as const;

/**
 * - web-interview questions sorted by `rank` (ask order); `notScored` items keep their score but
 *   are flagged, as the vendor excludes them from averages.
 * - form questions: pass/fail as a 0–1 score; MUST_HAVE when `is_knockout`.
 * - Resume eligibility and SMS criteria (pass/fail screening) are not mapped: they stay in `raw`.
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
 * Null when absent: no cheat detection configured, as in the documented /data example.
 * `overall_ranking` is 1–5 with 5 = highly detected; ours has 100 = trustworthy, so it is inverted
 * (1 → 100, 5 → 0). `overall_confidence` and `threshold` qualify the ranking rather than score, so
 * they stay in `raw`. Violation types use HeyMilo's detection vocabulary (`types[]`) where one matches:
 * - `cheat_detection_result.cheating_detected`   → `transcript_cheating`
 * - `llm_detection_result.llm_generated_detected` → `ai_scripted_answer`
 * - `unusual_delay_detection.delay_detected`      → `unusual_delays`
 * - `tab_switch_detection.total_count > 0`        → `tab_switching` (value = count)
 * - `interview_integrity.aggregated.movements[]`  → one per movement type, snake_cased
 * `integrity_analysis_v2` (undocumented) and the resume GPT detection (not a web-interview signal)
 * stay in `raw`.
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
