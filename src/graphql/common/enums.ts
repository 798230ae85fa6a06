import { registerEnumType } from 'type-graphql';
import {
  Decision,
  ExternalIdKind,
  InterviewStatus,
  Recommendation,
  RecordingFormat,
  RecordingKind,
  ScorecardCategory,
  ScoreScale,
  Speaker,
  TimeOrigin,
  TurnMode,
} from '../../domain/model';
import { AnswerMode } from '../../domain/commands';

/** Filled from the vendor list before the schema is built: type-graphql reads it at build time. */
export const ProviderEnum: Record<string, string> = {};

registerEnumType(ProviderEnum, {
  name: 'Provider',
  description: 'An AI-interview vendor. `providers` says which are served here, how, and what each can do.',
});

registerEnumType(InterviewStatus, {
  name: 'InterviewStatus',
  description: "Normalised lifecycle of one candidate's interview session. The vendor's own word is in `statusRaw`.",
  valuesConfig: {
    INVITED: { description: 'Invited; the candidate has not started.' },
    IN_PROGRESS: { description: 'The candidate has started and not finished.' },
    PROCESSING: { description: 'The candidate finished; the vendor is still evaluating.' },
    COMPLETED: { description: 'Finished and evaluated; a report is (or will shortly be) available.' },
    CANCELLED: { description: 'Cancelled by the recruiter or the vendor.' },
    EXPIRED: { description: 'The invitation expired before the candidate finished.' },
    UNKNOWN: { description: 'The vendor status could not be mapped (see `statusRaw`).' },
  },
});

registerEnumType(Decision, {
  name: 'Decision',
  description: 'A decision on the candidate recorded at the vendor, where the vendor has one.',
  valuesConfig: {
    SHORTLISTED: { description: 'Moved forward.' },
    REJECTED: { description: 'Dismissed / rejected.' },
    KNOCKED_OUT: { description: 'Failed a knockout (eligibility) step.' },
    UNKNOWN: { description: 'A decision the gateway could not map (see `decisionRaw`).' },
  },
});

registerEnumType(Recommendation, {
  name: 'Recommendation',
  description: "The vendor's hiring recommendation. `NO_DECISION` when the vendor gives none.",
  valuesConfig: {
    STRONG_YES: { description: 'Strongly recommended.' },
    YES: { description: 'Recommended.' },
    NO: { description: 'Not recommended.' },
    DEFINITELY_NO: { description: 'Strongly not recommended.' },
    NO_DECISION: { description: 'The vendor gives no recommendation (or it could not be mapped; see `recommendationRaw`).' },
  },
});

registerEnumType(ScoreScale, {
  name: 'ScoreScale',
  description: 'What kind of number a Score is, and so what it may be compared with.',
  valuesConfig: {
    PERCENT: { description: 'A number on a scale the vendor documents, mapped linearly onto 0–100: comparable across vendors.' },
    ORDINAL: { description: 'A label on a documented ladder placed on evenly spaced points: orders within its vendor, not comparable with percentages.' },
    UNKNOWN: { description: 'The vendor documents no scale (or the label is on no known ladder): `raw` and `label` only, `value` is null.' },
  },
});

registerEnumType(ScorecardCategory, {
  name: 'ScorecardCategory',
  description: 'What a scorecard item evaluates.',
  valuesConfig: {
    TECHNICAL_SKILL: { description: 'A technical skill (micro1 technical skills).' },
    SOFT_SKILL: { description: 'A soft skill or language proficiency.' },
    CODING: { description: 'A coding round or coding exercise.' },
    CUSTOM_QUESTION: { description: "A recruiter's custom question." },
    MUST_HAVE: { description: 'A must-have skill.' },
    NICE_TO_HAVE: { description: 'A nice-to-have skill.' },
    CRITERION: { description: 'A screening criterion (resume, form, SMS).' },
    QUESTION: { description: 'An interview question scored on its own.' },
  },
});

registerEnumType(Speaker, {
  name: 'Speaker',
  description: 'Who said a transcript turn. The vendor word is in `speakerRaw`.',
  valuesConfig: {
    INTERVIEWER: { description: 'The AI interviewer.' },
    CANDIDATE: { description: 'The candidate.' },
    SYSTEM: { description: 'A system message.' },
    UNKNOWN: { description: 'A speaker the gateway could not map.' },
  },
});

registerEnumType(TurnMode, {
  name: 'TurnMode',
  description: 'How a transcript turn was given.',
  valuesConfig: {
    SPEECH: { description: 'Spoken (voice or video interview).' },
    CODE: { description: 'Code written in a coding round.' },
    TEXT: { description: 'Typed text (chat, SMS, written answers).' },
  },
});

registerEnumType(RecordingKind, {
  name: 'RecordingKind',
  description: 'What a recording captures.',
  valuesConfig: {
    AUDIO: { description: 'Audio only.' },
    VIDEO: { description: 'Video of the interview.' },
    WEBCAM: { description: "The candidate's webcam." },
    SCREEN: { description: "The candidate's screen share." },
  },
});

registerEnumType(RecordingFormat, {
  name: 'RecordingFormat',
  description: 'The media format at `url`.',
  valuesConfig: {
    HLS: { description: 'HLS playlist (.m3u8): play with an HLS-capable player.' },
    MP4: { description: 'MP4 video.' },
    MP3: { description: 'MP3 audio.' },
    WEBM: { description: 'WebM video.' },
    UNKNOWN: { description: 'Format not recognisable from the URL.' },
  },
});

registerEnumType(AnswerMode, {
  name: 'AnswerMode',
  description: 'How a candidate answers a template question.',
  valuesConfig: {
    SPEECH: { description: 'Spoken answer.' },
    TEXT: { description: 'Written answer.' },
  },
});

registerEnumType(TimeOrigin, {
  name: 'TimeOrigin',
  description: 'How the gateway obtained a time that is not simply an instant the vendor gave.',
  valuesConfig: {
    ZONE_ASSUMED_UTC: { description: "The vendor's time, given without a zone and with none documented: read as UTC." },
    DAY_ONLY: { description: 'The vendor gives the day only: the value is the start of that day, UTC.' },
    DERIVED: { description: 'No vendor field means this: the gateway computed it from other vendor data (`source` says which).' },
  },
});

registerEnumType(ExternalIdKind, {
  name: 'ExternalIdKind',
  description: 'What an external id names.',
  valuesConfig: {
    ATS_JOB: { description: "The job in the company's ATS." },
    ATS_APPLICATION: { description: "The candidate's application in the company's ATS." },
    VENDOR_JOB: { description: "The vendor's own job (posting) object." },
    VENDOR_APPLICATION: { description: "The vendor's own application (applicant at a job) object." },
    CUSTOM: { description: 'An id the caller chose when inviting (e.g. Xobin `custom_field_id`).' },
  },
});
