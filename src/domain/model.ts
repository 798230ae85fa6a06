/**
 * The unified model as plain, JSON-serialisable types (they are cached as-is). No vendor words
 * here: adapters translate vendor payloads into these shapes, the GraphQL layer only reads them.
 *
 * Timestamps are ISO-8601 strings in UTC (`2024-01-01T00:00:00.000Z`); a timestamp the vendor does
 * not give is `null`, never guessed.
 */
import type { Provider } from './provider';

/** Normalised lifecycle of one candidate's session. */
export enum InterviewStatus {
  INVITED = 'INVITED',
  IN_PROGRESS = 'IN_PROGRESS',
  /** The candidate finished; the vendor is still evaluating. */
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
  UNKNOWN = 'UNKNOWN',
}

/** A recruiter's (or the vendor's automatic) decision on a candidate, where the vendor has one. */
export enum Decision {
  SHORTLISTED = 'SHORTLISTED',
  REJECTED = 'REJECTED',
  KNOCKED_OUT = 'KNOCKED_OUT',
  UNKNOWN = 'UNKNOWN',
}

export enum Recommendation {
  STRONG_YES = 'STRONG_YES',
  YES = 'YES',
  NO = 'NO',
  DEFINITELY_NO = 'DEFINITELY_NO',
  NO_DECISION = 'NO_DECISION',
}

export enum ScorecardCategory {
  TECHNICAL_SKILL = 'TECHNICAL_SKILL',
  SOFT_SKILL = 'SOFT_SKILL',
  CODING = 'CODING',
  CUSTOM_QUESTION = 'CUSTOM_QUESTION',
  MUST_HAVE = 'MUST_HAVE',
  NICE_TO_HAVE = 'NICE_TO_HAVE',
  CRITERION = 'CRITERION',
  QUESTION = 'QUESTION',
}

export enum Speaker {
  INTERVIEWER = 'INTERVIEWER',
  CANDIDATE = 'CANDIDATE',
  SYSTEM = 'SYSTEM',
  UNKNOWN = 'UNKNOWN',
}

export enum TurnMode {
  SPEECH = 'SPEECH',
  CODE = 'CODE',
  TEXT = 'TEXT',
}

export enum RecordingKind {
  AUDIO = 'AUDIO',
  VIDEO = 'VIDEO',
  WEBCAM = 'WEBCAM',
  SCREEN = 'SCREEN',
}

export enum RecordingFormat {
  HLS = 'HLS',
  MP4 = 'MP4',
  MP3 = 'MP3',
  WEBM = 'WEBM',
  UNKNOWN = 'UNKNOWN',
}

/** Entity kinds that have a global id. */
export type EntityKind = 'Interview' | 'InterviewTemplate' | 'Report';

/**
 * Fields every entity carries. `locator` is what the adapter needs to fetch the entity again
 * (it becomes the last part of the global id `<provider>:<kind>:<locator>`); `providerId` is the
 * vendor's own id for it, shown to users. They differ where a vendor has no single-id lookup
 * (e.g. a micro1 interview session is located by template id + candidate id).
 */
export interface EntityEnvelope<K extends EntityKind> {
  kind: K;
  provider: Provider;
  locator: string;
  providerId: string;
  createdAt: string | null;
  updatedAt: string | null;
  /**
   * The times of this object that are not simply an instant the vendor gave (see TimeNote);
   * absent or empty when every time is the vendor's own, zone included.
   */
  timeNotes?: TimeNote[];
  /**
   * What the vendor sent: on objects fetched in this request (never cached), and on objects built
   * from a webhook payload (cached with them: the payload cannot be fetched again).
   */
  raw?: unknown;
}

/** The time fields of the model a TimeNote can be about. */
export type TimeField = 'createdAt' | 'updatedAt' | 'invitedAt' | 'startedAt' | 'completedAt';

/**
 * How the gateway obtained a time that is not simply the vendor's own instant, so a frontend can
 * tell a vendor's time from the gateway's reading of it.
 */
export enum TimeOrigin {
  /** The vendor's time, given without a zone (and none documented): read as UTC. */
  ZONE_ASSUMED_UTC = 'ZONE_ASSUMED_UTC',
  /** The vendor gives the day only: the time is the day's start, UTC. */
  DAY_ONLY = 'DAY_ONLY',
  /** No vendor field means this: the gateway computed it from other vendor data. */
  DERIVED = 'DERIVED',
}

export interface TimeNote {
  field: TimeField;
  origin: TimeOrigin;
  /** The vendor field(s) the value comes from, e.g. `completed_date`, `min(interview_recording keys)`. */
  source: string;
}

/** What an id from outside the vendor (or the vendor's own job objects) names. */
export enum ExternalIdKind {
  /** The job in the company's ATS. */
  ATS_JOB = 'ATS_JOB',
  /** The candidate's application in the company's ATS. */
  ATS_APPLICATION = 'ATS_APPLICATION',
  /** The vendor's own job (posting) object. */
  VENDOR_JOB = 'VENDOR_JOB',
  /** The vendor's own application (applicant-at-a-job) object. */
  VENDOR_APPLICATION = 'VENDOR_APPLICATION',
  /** An id the caller chose when inviting (e.g. Xobin `custom_field_id`). */
  CUSTOM = 'CUSTOM',
}

/** An id of another system the vendor carries for an interview: how a company's ATS graph joins ours. */
export interface ExternalId {
  kind: ExternalIdKind;
  id: string;
  /** The vendor field it was read from, e.g. `ats_job_application_id`. */
  source: string;
}

/**
 * What kind of number a score is, and so what it may be compared with:
 * - `PERCENT`: a number on a scale the vendor documents, mapped linearly onto 0–100. Comparable
 *   across vendors (the cross-vendor `reports` feed sorts by these only).
 * - `ORDINAL`: a label on a documented ladder ("Junior" < "Senior"), placed on evenly spaced
 *   points. Orders within its ladder; not the same kind of number as a percentage.
 * - `UNKNOWN`: the vendor documents no scale (or gave an unmapped label): kept raw, no value.
 */
export enum ScoreScale {
  PERCENT = 'PERCENT',
  ORDINAL = 'ORDINAL',
  UNKNOWN = 'UNKNOWN',
}

/**
 * A score as the vendor gave it plus, where the scale is known, its value on 0–100.
 * `value` is null when the scale is unknown or the vendor gave only an unmapped label.
 */
export interface Score {
  value: number | null;
  raw: number | null;
  scaleMin: number | null;
  scaleMax: number | null;
  /** True for `PERCENT` and `ORDINAL` (kept for clients that predate `scale`). */
  scaleKnown: boolean;
  scale: ScoreScale;
  label: string | null;
}

export interface IntegrityViolation {
  type: string;
  value: string | null;
  description: string | null;
}

/** Normalised so that 100 = no sign of cheating, 0 = certain cheating. */
export interface Integrity {
  score: Score | null;
  violations: IntegrityViolation[];
}

export interface ScorecardItem {
  category: ScorecardCategory;
  name: string;
  question: string | null;
  answer: string | null;
  score: Score | null;
  feedback: string | null;
  weight: number | null;
  /** True for informational items that the vendor excludes from averages. */
  notScored: boolean;
}

export interface Scorecard {
  overall: Score | null;
  items: ScorecardItem[];
}

export interface TranscriptTurn {
  /** 0-based order in the conversation. */
  sequence: number;
  speaker: Speaker;
  speakerRaw: string | null;
  text: string;
  mode: TurnMode;
  /** The vendor's word for the mode (Xobin `code`/`default`); null when the mode comes from the channel. */
  modeRaw: string | null;
  /** Milliseconds from the interview start, when the vendor gives an offset. */
  offsetMs: number | null;
  /** Absolute time, when the vendor gives one. */
  at: string | null;
}

export interface Recording {
  kind: RecordingKind;
  format: RecordingFormat;
  url: string;
  playerUrl: string | null;
  sessionKey: string | null;
  /** When a signed URL stops working, if known; the cache never keeps it past this. */
  expiresAt: string | null;
}

/** One candidate's identity at one provider. */
export interface CandidateAccount {
  provider: Provider;
  providerId: string | null;
  name: string | null;
  email: string | null;
}

export interface Interview extends EntityEnvelope<'Interview'> {
  status: InterviewStatus;
  statusRaw: string | null;
  decision: Decision | null;
  decisionRaw: string | null;
  candidate: CandidateAccount;
  /** Locator of the InterviewTemplate (micro1 interview, HeyMilo posting), if known. */
  templateLocator: string | null;
  templateName: string | null;
  inviteUrl: string | null;
  invitedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** Ids of the ATS (or of the vendor's job objects) the vendor carries for this interview. */
  externalIds?: ExternalId[];
}

export interface TemplateQuestion {
  text: string;
  /** Answer time limit in seconds, if the vendor sets one. */
  timeLimitSeconds: number | null;
  type: string | null;
}

export interface TemplateSkill {
  name: string;
  description: string | null;
}

export interface InterviewTemplate extends EntityEnvelope<'InterviewTemplate'> {
  name: string;
  description: string | null;
  status: string | null;
  language: string | null;
  skills: TemplateSkill[];
  questions: TemplateQuestion[];
  inviteUrl: string | null;
}

export interface Report extends EntityEnvelope<'Report'> {
  /** Locator of the Interview this report evaluates. */
  interviewLocator: string;
  score: Score | null;
  recommendation: Recommendation;
  recommendationRaw: string | null;
  summary: string | null;
  highlights: string[];
  lowlights: string[];
  integrity: Integrity | null;
  scorecard: Scorecard | null;
  transcript: TranscriptTurn[];
  recordings: Recording[];
  pdfUrl: string | null;
  reportUrl: string | null;
  completedAt: string | null;
}

export type Entity = Interview | InterviewTemplate | Report;
