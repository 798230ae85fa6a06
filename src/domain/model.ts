/**
 * Plain JSON-serialisable types: they are cached as-is. Timestamps are ISO-8601 UTC strings; one the
 * vendor does not give is `null`, never guessed.
 */
import type { EntityKind } from './entity-kind';
import type { Provider } from './provider';

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

export type { EntityKind } from './entity-kind';

/**
 * `locator` is what the adapter needs to fetch the entity again (last part of the global id);
 * `providerId` is the vendor's own id. They differ where a vendor has no single-id lookup (micro1 sessions).
 */
export interface EntityEnvelope<K extends EntityKind> {
  kind: K;
  provider: Provider;
  locator: string;
  providerId: string;
  createdAt: string | null;
  updatedAt: string | null;
  /** Absent or empty when every time is the vendor's own instant, zone included. */
  timeNotes?: TimeNote[];
  /** Never cached, except on objects built from a webhook payload (it cannot be fetched again). */
  raw?: unknown;
}

export type TimeField = 'createdAt' | 'updatedAt' | 'invitedAt' | 'startedAt' | 'completedAt';

/** Lets a frontend tell a vendor's time from the gateway's reading of it. */
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

export enum ExternalIdKind {
  /** The job in the company's ATS. */
  ATS_JOB = 'ATS_JOB',
  /** The candidate's application in the company's ATS. */
  ATS_APPLICATION = 'ATS_APPLICATION',
  VENDOR_JOB = 'VENDOR_JOB',
  VENDOR_APPLICATION = 'VENDOR_APPLICATION',
  /** An id the caller chose when inviting (e.g. Xobin `custom_field_id`). */
  CUSTOM = 'CUSTOM',
}

/** How a company's ATS graph joins ours. */
export interface ExternalId {
  kind: ExternalIdKind;
  id: string;
  /** The vendor field it was read from, e.g. `ats_job_application_id`. */
  source: string;
}

/**
 * Only `PERCENT` (a documented scale mapped linearly onto 0–100) compares across vendors; `ORDINAL`
 * (evenly spaced points of a label ladder) orders only within its ladder; `UNKNOWN` has no value.
 */
export enum ScoreScale {
  PERCENT = 'PERCENT',
  ORDINAL = 'ORDINAL',
  UNKNOWN = 'UNKNOWN',
}

/** `value` (0–100) is null when the scale is unknown or the label unmapped. */
export interface Score {
  value: number | null;
  raw: number | null;
  scaleMin: number | null;
  scaleMax: number | null;
  /** Kept for clients that predate `scale`. */
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

export interface CandidateAccount {
  provider: Provider;
  providerId: string | null;
  name: string | null;
  email: string | null;
  /**
   * True when the vendor's interview names its candidate by `providerId` only and the profile was
   * not read with it: `name` and `email` are unknown (null), not absent, until looked up
   * (`VendorAdapter.getCandidates`, through the loaders' `candidateOf`). False or absent: they are
   * what the vendor has.
   */
  deferred?: boolean;
}

export interface Interview extends EntityEnvelope<'Interview'> {
  status: InterviewStatus;
  statusRaw: string | null;
  decision: Decision | null;
  decisionRaw: string | null;
  candidate: CandidateAccount;
  templateLocator: string | null;
  templateName: string | null;
  inviteUrl: string | null;
  invitedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
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
