/**
 * The Evalyo simulator's deterministic data set (same seed → same data), in the assumed shapes of
 * `evalyo.raw.ts`.
 * - 4 jobs, one per status (the DRAFT one has no interviews); 290 interviews, newest first, every
 *   documented status word; 212 candidates, some with a second interview.
 * - One EXPIRED interview references a deleted candidate (404), as Evalyo keeps a deleted
 *   candidate's interviews for up to 30 days.
 * - Some transcripts are stored out of `turnNumber` order; some COMPLETED interviews have no
 *   evaluation (their stage generates no AI report); some CANCELLED ones were cancelled mid-way.
 * - `expiresAt` is a deadline, not an event: for interviews still open it lies after DATA_EPOCH.
 * - Created candidates are kept apart in `createdCandidates`: nobody of the shared pool.
 * - `completeEvalyoInterview` finishes an open interview live (the simulator's `simulateCompletion`).
 */
import { createPeople, DATA_EPOCH, SHARED_PEOPLE_COUNT, varyEmail, type Person } from '../../kit/sandbox/data/people';
import { SeededRandom, seedOf } from '../../kit/sandbox/data/random';
import { extraCount, extraRandom, syntheticPeoplePicker, SYNTHETIC_REGIONS, weighted } from '../../kit/sandbox/data/large-seed';

export const EVALYO_DEFAULT_SEED = 2002;
/** Pool indices of Evalyo's own candidates (inclusive). */
export const EVALYO_POOL_RANGE = { from: 700, to: 899 } as const;

/** Every interview status word Evalyo documents (seed 002), as the API spells them. */
export const EVALYO_STATUS_WORDS = ['DRAFT', 'INVITED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED'] as const;
export type EvalyoStatusWord = (typeof EVALYO_STATUS_WORDS)[number];

/** Interviews per status word. */
export const EVALYO_STATUS_COUNTS: Readonly<Record<EvalyoStatusWord, number>> = {
  DRAFT: 20,
  INVITED: 40,
  IN_PROGRESS: 15,
  COMPLETED: 150,
  CANCELLED: 30,
  EXPIRED: 35,
};
export const EVALYO_INTERVIEW_COUNT = Object.values(EVALYO_STATUS_COUNTS).reduce((a, b) => a + b, 0);
/** COMPLETED interviews whose stage is configured without AI report (`evaluation: null`). */
export const EVALYO_UNEVALUATED_COMPLETED = 3;
/**
 * Evalyo documents no evaluation shape, so the sandbox must not serve only the one the gateway
 * assumes: a gateway reading nothing else would pass every sandbox test and fail on the real API.
 */
export const EVALYO_OTHER_SHAPE_EVALUATIONS = 2;
/** Interviews beyond one per person (and the deleted candidate's). */
const REPEAT_INTERVIEWS = EVALYO_INTERVIEW_COUNT - 1 - (SHARED_PEOPLE_COUNT + EVALYO_POOL_RANGE.to - EVALYO_POOL_RANGE.from + 1);

export type EvalyoJobStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'CLOSED';

/** `GET /api/v1/jobs` item (create-body fields + id, status, dates). */
export interface SimJob {
  id: string;
  title: string;
  description: string;
  department: string;
  location: string;
  workMode: 'ONSITE' | 'REMOTE' | 'HYBRID';
  seniority: 'INTERN' | 'JUNIOR' | 'MID' | 'SENIOR' | 'LEAD' | 'MANAGER' | 'DIRECTOR';
  contractType: 'CDI' | 'CDD' | 'FREELANCE' | 'INTERNSHIP' | 'APPRENTICESHIP';
  salaryMin: number | null;
  salaryMax: number | null;
  dailyRate: number | null;
  skills: string[];
  status: EvalyoJobStatus;
  createdAt: string;
  updatedAt: string;
}

/** Created candidates have what the POST sent (null for what it left out, locale `fr` by default). */
export interface SimCandidate {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  /** `fr` (Evalyo's default), `en`, … */
  locale: string;
  cvUrl: string | null;
  tags: string[];
  source: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/v1/interviews` item. */
export interface SimInterview {
  id: string;
  candidateId: string;
  jobId: string;
  campaignId: string | null;
  stageId: string | null;
  configId: string | null;
  status: EvalyoStatusWord;
  expiresAt: string;
  inviteUrl: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface SimCriterion {
  name: string;
  score: number;
  maxScore: number;
  comment: string;
}

export interface SimFlag {
  type: 'READING_SUSPECTED' | 'EXTERNAL_VOICE' | 'AI_GENERATED_ANSWER' | 'LONG_SILENCE';
  severity: 'LOW' | 'MEDIUM' | 'HIGH';
  description: string;
}

/** The interview `evaluation` (simulator-defined shape; Evalyo documents "per-criterion scores, flags"). */
export interface SimEvaluation {
  overallScore: number;
  recommendation: 'STRONG_HIRE' | 'HIRE' | 'NO_HIRE' | 'STRONG_NO_HIRE';
  summary: string;
  strengths: string[];
  weaknesses: string[];
  criteria: SimCriterion[];
  flags: SimFlag[];
}

/** Another plausible reading of Evalyo's "per-criterion scores, flags". */
export interface SimOtherEvaluation {
  overallScore: string;
  recommendation: SimEvaluation['recommendation'];
  summary: string;
  criteria: Record<string, number>;
  flags: string[];
}

/** Whether an evaluation has the simulator's usual shape (SimEvaluation) rather than SimOtherEvaluation. */
export function isUsualEvaluation(evaluation: SimEvaluation | SimOtherEvaluation | null | undefined): evaluation is SimEvaluation {
  return typeof evaluation === 'object' && evaluation !== null && Array.isArray(evaluation.criteria);
}

/** A conversation turn (seed 002 field names). */
export interface SimTurn {
  turnNumber: number;
  role: 'agent' | 'candidate';
  content: string;
  audioUrl: string | null;
  isPendingQuestion: boolean;
  /** Per-turn GPT-4o evaluation of candidate answers; null on agent turns. */
  evaluation: { score: number; maxScore: number; flags: string[] } | null;
}

/** `GET /api/v1/interviews/:id`. */
export interface SimInterviewDetail extends SimInterview {
  reportId: string | null;
  evaluation: SimEvaluation | SimOtherEvaluation | null;
  transcript: SimTurn[];
  audioUrl: string | null;
}

/** `GET /api/v1/reports/:reportId`. */
export interface SimReport {
  id: string;
  interviewId: string;
  candidateId: string;
  jobId: string;
  evaluation: SimEvaluation | SimOtherEvaluation;
  recordingUrl: string;
  createdAt: string;
}

export interface EvalyoInterviewRecord {
  /** The detail, recording URLs unsigned; the list row is its SimInterview part (see `interviewRow`). */
  detail: SimInterviewDetail;
  /** Pool index of the candidate; null for the interview whose candidate was deleted. */
  personIndex: number | null;
  report: SimReport | null;
  /** The transcript is stored out of `turnNumber` order. */
  shuffledTranscript: boolean;
}

/** A seeded candidate: a person of the shared pool. */
export interface EvalyoCandidateRecord {
  candidate: SimCandidate;
  personIndex: number;
}

/** Any candidate by id: seeded (with its pool index) or created through the API (`personIndex` null). */
export interface EvalyoCandidateLookup {
  candidate: SimCandidate;
  personIndex: number | null;
}

export interface EvalyoDataset {
  /** In list order (newest first). */
  jobs: SimJob[];
  /** The seeded candidates (people of the pool), in list order (newest first). */
  candidates: EvalyoCandidateRecord[];
  /** Created through `POST /api/v1/candidates`, newest first: the list shows them before the seeded ones. */
  createdCandidates: SimCandidate[];
  /** In list order (newest first by createdAt, ties by id). */
  interviews: EvalyoInterviewRecord[];
  /** Referenced by one interview, but deleted: 404. */
  deletedCandidateId: string;
  job(id: string): SimJob | undefined;
  candidate(id: string): EvalyoCandidateLookup | undefined;
  /** The candidate with this email, compared case-insensitively (Evalyo emails are unique). */
  candidateByEmail(email: string): EvalyoCandidateLookup | undefined;
  /** Every candidate in list order: the created ones, then the seeded ones (the same array until a candidate is added: do not change it). */
  allCandidates(): readonly SimCandidate[];
  interview(id: string): EvalyoInterviewRecord | undefined;
  report(id: string): SimReport | undefined;
  /** Adds a newly created interview (it becomes the newest, first in the list). */
  add(record: EvalyoInterviewRecord): void;
  /** Adds a newly created candidate (the newest, first in the list); its email must be free. */
  addCandidate(candidate: SimCandidate): void;
  /** Makes a report reachable by its id (`/api/v1/reports/:reportId`). */
  addReport(report: SimReport): void;
}

/** The list row of an interview: the detail without evaluation, transcript, audio and report id. */
export function interviewRow(detail: SimInterviewDetail): SimInterview {
  const { reportId: _r, evaluation: _e, transcript: _t, audioUrl: _a, ...row } = detail;
  return row;
}

/** Every scope a key can carry (evalyo.fr/en/docs/authentication). */
export const EVALYO_ALL_SCOPES = [
  'interviews:read',
  'interviews:write',
  'candidates:read',
  'candidates:write',
  'jobs:read',
  'jobs:write',
  'campaigns:read',
  'campaigns:write',
  'stages:read',
  'stages:write',
  'tests:read',
  'tests:write',
  'reports:read',
  'agents:read',
  'agents:write',
] as const;

/** Where recordings and CVs live (stored unsigned). */
export const EVALYO_STORAGE = 'https://storage.evalyo.fr';
export const EVALYO_APP = 'https://app.evalyo.fr';

// ------------------------------------------------------------------ vocabulary

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface JobSpec {
  job: Omit<SimJob, 'id' | 'createdAt' | 'updatedAt'>;
  createdDaysAgo: number;
  /** When interviews of this job were created: [from, to] in ms before DATA_EPOCH. */
  window: [number, number];
  criteria: Array<{ name: string; maxScore: number }>;
}

const JOBS: JobSpec[] = [
  {
    job: {
      title: 'Développeur·se Full Stack TypeScript',
      description:
        'Vous rejoignez l’équipe produit pour concevoir et livrer des fonctionnalités de bout en bout : API Node.js, front React, base PostgreSQL, tests automatisés.',
      department: 'Engineering',
      location: 'Paris, France',
      workMode: 'HYBRID',
      seniority: 'MID',
      contractType: 'CDI',
      salaryMin: 50,
      salaryMax: 62,
      dailyRate: null,
      skills: ['TypeScript', 'React', 'Node.js', 'PostgreSQL', 'Tests automatisés'],
      status: 'ACTIVE',
    },
    createdDaysAgo: 100,
    window: [90 * DAY, 3 * HOUR],
    criteria: [
      { name: 'Compétences techniques', maxScore: 10 },
      { name: 'Résolution de problèmes', maxScore: 10 },
      { name: 'Communication', maxScore: 5 },
      { name: 'Motivation', maxScore: 5 },
    ],
  },
  {
    job: {
      title: 'Data Engineer',
      description: 'Build and run the batch and streaming pipelines behind our analytics platform (Python, SQL, Airflow, dbt on GCP).',
      department: 'Data',
      location: 'Lyon, France',
      workMode: 'REMOTE',
      seniority: 'SENIOR',
      contractType: 'CDI',
      salaryMin: 58,
      salaryMax: 70,
      dailyRate: null,
      skills: ['Python', 'SQL', 'Airflow', 'dbt', 'GCP'],
      status: 'PAUSED',
    },
    createdDaysAgo: 95,
    window: [90 * DAY, 12 * DAY],
    criteria: [
      { name: 'Modélisation des données', maxScore: 10 },
      { name: 'Pipelines & orchestration', maxScore: 10 },
      { name: 'Communication', maxScore: 5 },
    ],
  },
  {
    job: {
      title: 'Chargé·e de clientèle bilingue',
      description: 'Vous accompagnez nos clients francophones et anglophones par téléphone et par e-mail, et traitez les réclamations de bout en bout.',
      department: 'Customer Success',
      location: 'Bordeaux, France',
      workMode: 'ONSITE',
      seniority: 'JUNIOR',
      contractType: 'CDD',
      salaryMin: 30,
      salaryMax: 34,
      dailyRate: null,
      skills: ['Relation client', 'Anglais courant', 'Zendesk', 'Gestion des réclamations'],
      status: 'CLOSED',
    },
    createdDaysAgo: 118,
    window: [88 * DAY, 47 * DAY],
    criteria: [
      { name: 'Relation client', maxScore: 10 },
      { name: 'Anglais', maxScore: 10 },
      { name: 'Gestion du stress', maxScore: 5 },
      { name: 'Communication', maxScore: 5 },
    ],
  },
  {
    job: {
      title: 'Product Manager Senior (freelance)',
      description: 'Mission de six mois pour cadrer et piloter la refonte du parcours recruteur.',
      department: 'Product',
      location: 'Paris, France',
      workMode: 'HYBRID',
      seniority: 'SENIOR',
      contractType: 'FREELANCE',
      salaryMin: null,
      salaryMax: null,
      dailyRate: 650,
      skills: ['Discovery', 'Roadmapping', 'Analytics'],
      status: 'DRAFT',
    },
    createdDaysAgo: 8,
    window: [0, 0],
    criteria: [],
  },
];

type Lang = 'fr' | 'en';

const AGENT_OPENING: Record<Lang, string> = {
  fr: 'Bonjour, je suis l’agent d’entretien d’Evalyo. Pouvez-vous vous présenter en quelques mots ?',
  en: 'Hello, I am Evalyo’s interview agent. Could you briefly introduce yourself?',
};
const AGENT_CLOSING: Record<Lang, string> = {
  fr: 'Merci pour vos réponses, l’entretien est terminé. L’équipe reviendra vers vous rapidement.',
  en: 'Thank you for your answers, the interview is over. The team will get back to you soon.',
};
const AGENT_QUESTIONS: Record<Lang, string[]> = {
  fr: [
    'Parlez-moi d’un projet récent dont vous êtes particulièrement fier ou fière.',
    'Quelles ont été les principales difficultés, et comment les avez-vous surmontées ?',
    'Comment vous organisez-vous lorsque plusieurs priorités entrent en conflit ?',
    'Pourquoi ce poste vous intéresse-t-il ?',
    'Décrivez une situation où vous avez dû convaincre quelqu’un de changer d’avis.',
  ],
  en: [
    'Tell me about a recent project you are particularly proud of.',
    'What were the main difficulties, and how did you overcome them?',
    'How do you organise yourself when several priorities conflict?',
    'Why are you interested in this role?',
    'Describe a time you had to convince someone to change their mind.',
  ],
};
const CANDIDATE_ANSWERS: Record<Lang, string[]> = {
  fr: [
    'Je travaille depuis cinq ans sur des produits web, dernièrement dans une équipe de huit personnes.',
    'J’ai mené la migration de notre outil de facturation vers une nouvelle architecture, sans interruption de service.',
    'Le plus dur a été de convaincre les équipes métier ; nous avons fait des démonstrations chaque semaine.',
    'Je liste les priorités avec mon responsable et je rends visibles les arbitrages à toute l’équipe.',
    'Le poste combine technique et contact utilisateur, c’est exactement ce que je recherche.',
    'J’ai présenté des chiffres concrets et proposé un essai limité, ce qui a levé les réticences.',
  ],
  en: [
    'I have spent five years building web products, most recently in a team of eight.',
    'I led the migration of our billing tool to a new architecture without any downtime.',
    'The hardest part was getting the business teams on board; we ran a demo every week.',
    'I list priorities with my manager and make the trade-offs visible to the whole team.',
    'The role mixes technical work and user contact, which is exactly what I am looking for.',
    'I brought concrete numbers and proposed a limited trial, which removed the objections.',
  ],
};
const STRENGTHS: Record<Lang, string[]> = {
  fr: ['Exemples concrets et chiffrés', 'Discours structuré et clair', 'Bonne maîtrise technique', 'Forte motivation pour le poste', 'Sens du client'],
  en: ['Concrete, quantified examples', 'Structured and clear answers', 'Solid technical command', 'Strong motivation for the role', 'Customer focus'],
};
const WEAKNESSES: Record<Lang, string[]> = {
  fr: [
    'Réponses parfois trop générales',
    'Peu d’exemples de travail en équipe',
    'Hésitations sur les aspects techniques avancés',
    'Manque de recul sur les échecs',
  ],
  en: ['Answers sometimes too general', 'Few examples of teamwork', 'Hesitant on advanced technical topics', 'Little reflection on past failures'],
};
const SUMMARIES: Record<Lang, [string, string, string, string]> = {
  fr: [
    'Profil très solide : réponses précises, exemples convaincants, excellente adéquation avec le poste.',
    'Bon entretien dans l’ensemble, avec quelques points à approfondir lors d’un échange avec l’équipe.',
    'Entretien en demi-teinte : les bases sont là mais plusieurs réponses manquent de profondeur.',
    'Le profil ne correspond pas aux attentes du poste à ce stade.',
  ],
  en: [
    'Very strong profile: precise answers, convincing examples, an excellent fit for the role.',
    'A good interview overall, with a few points to explore with the team.',
    'A mixed interview: the basics are there but several answers lack depth.',
    'The profile does not match the role’s expectations at this stage.',
  ],
};
const CRITERION_COMMENTS: Record<Lang, [string, string, string]> = {
  fr: ['Très bonne maîtrise, illustrée par des exemples précis.', 'Niveau correct, quelques imprécisions.', 'Niveau insuffisant pour le poste.'],
  en: ['Very good command, illustrated with precise examples.', 'Adequate level, a few inaccuracies.', 'Below the level the role needs.'],
};
const FLAGS: Record<SimFlag['type'], Record<Lang, string>> = {
  READING_SUSPECTED: { fr: 'Rythme de lecture détecté sur plusieurs réponses.', en: 'Reading cadence detected on several answers.' },
  EXTERNAL_VOICE: { fr: 'Une seconde voix a été détectée pendant l’entretien.', en: 'A second voice was detected during the interview.' },
  AI_GENERATED_ANSWER: { fr: 'Réponse très proche d’un texte généré par IA.', en: 'Answer closely resembles AI-generated text.' },
  LONG_SILENCE: { fr: 'Silences prolongés avant plusieurs réponses.', en: 'Long silences before several answers.' },
};
const TAGS = ['vivier', 'bilingue', 'cooptation', 'senior', 'junior', 'salon-2026', 'relance'];
const SOURCES = ['LinkedIn', 'Indeed', 'Referral', 'Welcome to the Jungle', 'Site carrière'];

/** ISO-8601 with milliseconds, UTC. */
function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// ------------------------------------------------------------------ generation

/** With `extraInterviews` 0 the data set is exactly as described above. */
export function createEvalyoDataset(seed: number = EVALYO_DEFAULT_SEED, extraInterviews = 0): EvalyoDataset {
  const random = new SeededRandom(seed);
  const people = createPeople();
  const cuid = () => `c${random.id(24)}`;

  const jobs = JOBS.map((spec) => {
    const created = DATA_EPOCH - spec.createdDaysAgo * DAY + random.int(0, DAY - 1);
    const job: SimJob = { id: cuid(), ...spec.job, skills: [...spec.job.skills], createdAt: iso(created), updatedAt: iso(created + random.int(1, 5) * DAY) };
    return { spec, job, configId: cuid(), campaign: spec.job.status === 'DRAFT' ? null : { id: cuid(), stageId: cuid() } };
  });
  const [active, paused, closed] = jobs;

  // Statuses, shuffled; people (shared + slice + repeats), shuffled; one EXPIRED interview is the deleted candidate's.
  const statuses: EvalyoStatusWord[] = EVALYO_STATUS_WORDS.flatMap((word) => Array<EvalyoStatusWord>(EVALYO_STATUS_COUNTS[word]).fill(word));
  shuffle(random, statuses);
  const persons: Person[] = [...people.slice(0, SHARED_PEOPLE_COUNT), ...people.slice(EVALYO_POOL_RANGE.from, EVALYO_POOL_RANGE.to + 1)];
  const everyone = [...persons];
  for (let i = 0; i < REPEAT_INTERVIEWS; i += 1) everyone.push(random.pick(persons));
  shuffle(random, everyone);
  const orphanAt = statuses.indexOf('EXPIRED');
  const assigned: Array<Person | null> = [...everyone.slice(0, orphanAt), null, ...everyone.slice(orphanAt)];

  // Candidates are created lazily, so their locale drives the transcript language.
  const candidateByPerson = new Map<number, SimCandidate>();
  const candidateFor = (person: Person): SimCandidate => {
    let candidate = candidateByPerson.get(person.index);
    if (!candidate) {
      const id = cuid();
      candidate = {
        id,
        email: person.index < SHARED_PEOPLE_COUNT ? varyEmail(person.email, person.index + 2) : person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        phone: random.chance(0.8)
          ? `+33 6 ${random.id(2, '0123456789')} ${random.id(2, '0123456789')} ${random.id(2, '0123456789')} ${random.id(2, '0123456789')}`
          : null,
        locale: random.chance(0.75) ? 'fr' : 'en',
        cvUrl: random.chance(0.6) ? `${EVALYO_STORAGE}/cv/${id}.pdf` : null,
        tags: TAGS.filter(() => random.chance(0.15)).slice(0, 2),
        source: random.pick(SOURCES),
        // Filled in once the person's interviews are known.
        createdAt: '',
        updatedAt: '',
      };
      candidateByPerson.set(person.index, candidate);
    }
    return candidate;
  };
  const deletedCandidateId = cuid();

  let unevaluated = 0;
  const records: EvalyoInterviewRecord[] = statuses.map((status, i) => {
    const person = assigned[i];
    const candidate = person ? candidateFor(person) : null;
    const lang: Lang = candidate?.locale === 'en' ? 'en' : 'fr';
    const terminal = status === 'COMPLETED' || status === 'CANCELLED' || status === 'EXPIRED';
    const job = terminal ? random.pick([active, active, paused, closed]) : active;
    const [from, to] = job.spec.window;
    const id = cuid();
    const inCampaign = job.campaign !== null && random.chance(0.7);

    const { created, updated, started, ended } = eventTimes(random, status, [from, to]);

    const audioUrl = ended !== null && status === 'COMPLETED' ? `${EVALYO_STORAGE}/recordings/${id}/interview.${random.chance(0.85) ? 'mp3' : 'webm'}` : null;
    let transcript: SimTurn[] = [];
    if (status === 'COMPLETED') transcript = makeTranscript(random, id, lang, random.int(4, 12), false);
    else if (status === 'IN_PROGRESS') transcript = makeTranscript(random, id, lang, random.pick([3, 5]), true);
    else if (started !== null) transcript = makeTranscript(random, id, lang, random.int(2, 4), false);

    let shuffled = false;
    if (status === 'COMPLETED' && random.chance(0.2)) {
      shuffle(random, transcript);
      if (transcript.every((t, k) => t.turnNumber === k + 1)) [transcript[0], transcript[1]] = [transcript[1], transcript[0]];
      shuffled = true;
    }

    let evaluation: SimEvaluation | null = null;
    if (status === 'COMPLETED') {
      if (unevaluated < EVALYO_UNEVALUATED_COMPLETED && random.chance(0.05)) unevaluated += 1;
      else evaluation = makeEvaluation(random, job.spec.criteria, lang);
    }
    const candidateId = candidate?.id ?? deletedCandidateId;
    const detail: SimInterviewDetail = {
      id,
      candidateId,
      jobId: job.job.id,
      campaignId: inCampaign ? (job.campaign?.id ?? null) : null,
      stageId: inCampaign ? (job.campaign?.stageId ?? null) : null,
      configId: job.configId,
      status,
      expiresAt: iso(created + 7 * DAY),
      inviteUrl: `${EVALYO_APP}/interview/${random.id(32, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      createdAt: iso(created),
      updatedAt: iso(updated),
      startedAt: started === null ? null : iso(started),
      endedAt: ended === null ? null : iso(ended),
      reportId: evaluation ? cuid() : null,
      evaluation,
      transcript,
      audioUrl,
    };
    const report: SimReport | null =
      evaluation && detail.reportId && audioUrl
        ? { id: detail.reportId, interviewId: id, candidateId, jobId: detail.jobId, evaluation, recordingUrl: audioUrl, createdAt: detail.updatedAt }
        : null;
    return { detail, personIndex: person?.index ?? null, report, shuffledTranscript: shuffled };
  });

  // The random pass may leave fewer unevaluated interviews than promised: take the last completed ones.
  for (let i = records.length - 1; i >= 0 && unevaluated < EVALYO_UNEVALUATED_COMPLETED; i -= 1) {
    const record = records[i];
    if (record.detail.status === 'COMPLETED' && record.detail.evaluation !== null) {
      record.detail.evaluation = null;
      record.detail.reportId = null;
      record.report = null;
      unevaluated += 1;
    }
  }
  // The first evaluated ones get their evaluation in the other shape (same figures, other form).
  let otherShaped = 0;
  for (const record of records) {
    if (otherShaped === EVALYO_OTHER_SHAPE_EVALUATIONS) break;
    const evaluation = record.detail.evaluation;
    if (!isUsualEvaluation(evaluation)) continue;
    record.detail.evaluation = otherShape(evaluation);
    if (record.report) record.report.evaluation = record.detail.evaluation;
    otherShaped += 1;
  }

  // Candidate dates: registered before their first interview.
  const firstInterview = new Map<string, number>();
  for (const { detail } of records) {
    const at = Date.parse(detail.createdAt);
    firstInterview.set(detail.candidateId, Math.min(firstInterview.get(detail.candidateId) ?? Infinity, at));
  }
  for (const candidate of candidateByPerson.values()) {
    const first = firstInterview.get(candidate.id) as number;
    const created = first - random.int(HOUR, 10 * DAY);
    candidate.createdAt = iso(created);
    candidate.updatedAt = iso(created + random.int(0, first - created));
  }

  const candidates = [...candidateByPerson.entries()].map(([personIndex, candidate]) => ({ personIndex, candidate }));
  const extra = extraCount(extraInterviews);
  if (extra > 0) addExtraInterviews(seed, extra, jobs, records, candidates);
  candidates.sort((a, b) => newestFirst(a.candidate, b.candidate));
  const interviews = records.sort((a, b) => newestFirst(a.detail, b.detail));
  return indexDataset({
    jobs: jobs.map((j) => j.job).sort(newestFirst),
    candidates,
    interviews,
    deletedCandidateId,
  });
}

/** When an interview of `status` happened (ms); `window` bounds the creation of finished ones ([from, to] ms before DATA_EPOCH). */
function eventTimes(
  random: SeededRandom,
  status: EvalyoStatusWord,
  [from, to]: [number, number],
): { created: number; updated: number; started: number | null; ended: number | null } {
  let created: number;
  let updated: number;
  let started: number | null = null;
  let ended: number | null = null;
  const between = (a: number, b: number) => random.int(Math.min(a, b), Math.max(a, b));
  switch (status) {
    case 'DRAFT':
      created = DATA_EPOCH - between(6 * DAY, HOUR);
      updated = created;
      break;
    case 'INVITED':
      created = DATA_EPOCH - between(6 * DAY, HOUR);
      updated = created + random.int(0, 5 * MINUTE);
      break;
    case 'IN_PROGRESS':
      created = DATA_EPOCH - between(6 * DAY, 3 * HOUR);
      started = DATA_EPOCH - between(40 * MINUTE, 5 * MINUTE);
      updated = started + random.int(MINUTE, 4 * MINUTE);
      break;
    case 'COMPLETED':
      created = DATA_EPOCH - between(from, Math.max(to, 3 * HOUR));
      started = created + between(10 * MINUTE, Math.min(6 * DAY, DATA_EPOCH - created - 2 * HOUR));
      ended = started + between(8 * MINUTE, 35 * MINUTE);
      updated = ended + between(MINUTE, 5 * MINUTE);
      break;
    case 'EXPIRED':
      created = DATA_EPOCH - between(from, Math.max(to, 8 * DAY));
      updated = created + 7 * DAY;
      break;
    case 'CANCELLED': {
      created = DATA_EPOCH - between(from, Math.max(to, DAY));
      const cancelled = Math.min(created + between(HOUR, 2 * DAY), DATA_EPOCH - HOUR);
      if (random.chance(0.2)) {
        started = Math.min(created + between(10 * MINUTE, DAY), cancelled - 15 * MINUTE);
        ended = started + between(2 * MINUTE, 10 * MINUTE);
        updated = ended + MINUTE;
      } else {
        updated = cancelled;
      }
      break;
    }
  }
  return { created, updated, started, ended };
}

/** Status words of large seeding's extra interviews: ~40 % completed (evaluated, with a report), the rest open or closed unfinished. */
const EXTRA_STATUS_WEIGHTS: ReadonlyArray<readonly [EvalyoStatusWord, number]> = [
  ['DRAFT', 8],
  ['INVITED', 18],
  ['IN_PROGRESS', 6],
  ['COMPLETED', 40],
  ['CANCELLED', 8],
  ['EXPIRED', 20],
];

interface SeededJob {
  spec: JobSpec;
  job: SimJob;
  configId: string;
  campaign: { id: string; stageId: string } | null;
}

/** Lean and from their own generator, so the documented rows are untouched; the caller sorts. */
function addExtraInterviews(seed: number, count: number, jobs: SeededJob[], records: EvalyoInterviewRecord[], candidates: EvalyoCandidateRecord[]): void {
  const random = extraRandom(seed);
  const cuid = () => `c${random.id(24)}`;
  const pickPerson = syntheticPeoplePicker(random, SYNTHETIC_REGIONS.evalyo, count);
  const [active, paused, closed] = jobs;
  const byPerson = new Map<number, SimCandidate>();
  const firstInterview = new Map<SimCandidate, number>();
  for (let i = 0; i < count; i += 1) {
    const status = weighted(random, EXTRA_STATUS_WEIGHTS);
    const person = pickPerson();
    let candidate = byPerson.get(person.index);
    if (!candidate) {
      const id = cuid();
      candidate = {
        id,
        email: person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        phone: random.chance(0.8)
          ? `+33 6 ${random.id(2, '0123456789')} ${random.id(2, '0123456789')} ${random.id(2, '0123456789')} ${random.id(2, '0123456789')}`
          : null,
        locale: random.chance(0.75) ? 'fr' : 'en',
        cvUrl: random.chance(0.6) ? `${EVALYO_STORAGE}/cv/${id}.pdf` : null,
        tags: TAGS.filter(() => random.chance(0.15)).slice(0, 2),
        source: random.pick(SOURCES),
        createdAt: '',
        updatedAt: '',
      };
      byPerson.set(person.index, candidate);
      candidates.push({ personIndex: person.index, candidate });
    }
    const lang: Lang = candidate.locale === 'en' ? 'en' : 'fr';
    const terminal = status === 'COMPLETED' || status === 'CANCELLED' || status === 'EXPIRED';
    const job = terminal ? random.pick([active, active, paused, closed]) : active;
    const id = cuid();
    const inCampaign = job.campaign !== null && random.chance(0.7);
    const { created, updated, started, ended } = eventTimes(random, status, job.spec.window);
    const completed = status === 'COMPLETED';
    const audioUrl = completed && ended !== null ? `${EVALYO_STORAGE}/recordings/${id}/interview.${random.chance(0.85) ? 'mp3' : 'webm'}` : null;
    const transcript =
      completed || status === 'IN_PROGRESS'
        ? makeTranscript(random, id, lang, 3, !completed)
        : started !== null
          ? makeTranscript(random, id, lang, 2, false)
          : [];
    const evaluation = completed ? makeEvaluation(random, job.spec.criteria, lang) : null;
    const detail: SimInterviewDetail = {
      id,
      candidateId: candidate.id,
      jobId: job.job.id,
      campaignId: inCampaign ? (job.campaign?.id ?? null) : null,
      stageId: inCampaign ? (job.campaign?.stageId ?? null) : null,
      configId: job.configId,
      status,
      expiresAt: iso(created + 7 * DAY),
      inviteUrl: `${EVALYO_APP}/interview/${random.id(32, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      createdAt: iso(created),
      updatedAt: iso(updated),
      startedAt: started === null ? null : iso(started),
      endedAt: ended === null ? null : iso(ended),
      reportId: evaluation ? cuid() : null,
      evaluation,
      transcript,
      audioUrl,
    };
    const report: SimReport | null =
      evaluation && detail.reportId && audioUrl
        ? {
            id: detail.reportId,
            interviewId: id,
            candidateId: candidate.id,
            jobId: detail.jobId,
            evaluation,
            recordingUrl: audioUrl,
            createdAt: detail.updatedAt,
          }
        : null;
    records.push({ detail, personIndex: person.index, report, shuffledTranscript: false });
    firstInterview.set(candidate, Math.min(firstInterview.get(candidate) ?? Infinity, created));
  }
  // Registered before their first interview.
  for (const [candidate, first] of firstInterview) {
    const created = first - random.int(HOUR, 10 * DAY);
    candidate.createdAt = iso(created);
    candidate.updatedAt = iso(created + random.int(0, first - created));
  }
}

// ------------------------------------------------------------------ live changes (`POST /__sim/complete/:id`)

/** Where a completion may start from: invited (the link not used yet) or in progress. */
export const EVALYO_COMPLETABLE_WORDS: readonly EvalyoStatusWord[] = ['INVITED', 'IN_PROGRESS'];

/**
 * What Evalyo's agent does when a conversation ends (`…/api/interviews/:id/finalize`, body `endedAt`,
 * `audioUrl`, `generateReport`; REFERENCE.md §4): the interview becomes COMPLETED with its whole
 * transcript, recording, evaluation and report, as the seeded COMPLETED ones are. It ends at `at`
 * (ms), or just late enough to follow what already happened; `updatedAt` and the report carry that
 * instant too. The content comes from the interview's own generator: an id always finishes the same
 * way. A job without criteria yields no evaluation, so no report (as a stage without AI report).
 */
export function completeEvalyoInterview(dataset: EvalyoDataset, interviewId: string, at: number): EvalyoInterviewRecord {
  const record = dataset.interview(interviewId);
  if (!record) throw new Error(`no Evalyo interview ${interviewId} in the data set`);
  const before = record.detail;
  if (before.status === 'DRAFT') throw new Error(`Evalyo interview ${interviewId} is DRAFT: its invitation was never sent`);
  if (!EVALYO_COMPLETABLE_WORDS.includes(before.status)) throw new Error(`Evalyo interview ${interviewId} is already ${before.status}`);
  const title = dataset.job(before.jobId)?.title;
  const spec = JOBS.find((j) => j.job.title === title);
  if (!spec) throw new Error(`no job spec for Evalyo interview ${interviewId}`);
  const random = new SeededRandom(seedOf(`evalyo:${interviewId}`));
  const lang: Lang = dataset.candidate(before.candidateId)?.candidate.locale.startsWith('en') ? 'en' : 'fr';

  const duration = random.int(8 * MINUTE, 35 * MINUTE);
  const startedAt = before.startedAt === null ? null : Date.parse(before.startedAt);
  const ended = Math.max(at, (startedAt ?? Date.parse(before.createdAt) + 10 * MINUTE) + duration, Date.parse(before.updatedAt) + MINUTE);
  const started = startedAt ?? ended - duration;
  const earlier = [...before.transcript].sort((a, b) => a.turnNumber - b.turnNumber);
  const transcript =
    earlier.length === 0
      ? makeTranscript(random, interviewId, lang, random.int(4, 12), false)
      : makeTranscript(random, interviewId, lang, random.int(earlier.length + 1, Math.max(12, earlier.length + 1)), false, earlier);
  const audioUrl = `${EVALYO_STORAGE}/recordings/${interviewId}/interview.${random.chance(0.85) ? 'mp3' : 'webm'}`;
  const evaluation = spec.criteria.length > 0 ? makeEvaluation(random, spec.criteria, lang) : null;
  const reportId = evaluation ? `c${random.id(24)}` : null;

  record.detail = {
    ...before,
    status: 'COMPLETED',
    startedAt: iso(started),
    endedAt: iso(ended),
    updatedAt: iso(ended),
    reportId,
    evaluation,
    transcript,
    audioUrl,
  };
  record.report =
    evaluation && reportId
      ? { id: reportId, interviewId, candidateId: before.candidateId, jobId: before.jobId, evaluation, recordingUrl: audioUrl, createdAt: iso(ended) }
      : null;
  if (record.report) dataset.addReport(record.report);
  return record;
}

/** Lookups over the lists, kept current by `add`, `addCandidate` and `addReport`. */
function indexDataset(seeded: Pick<EvalyoDataset, 'jobs' | 'candidates' | 'interviews' | 'deletedCandidateId'>): EvalyoDataset {
  const lists = { ...seeded, createdCandidates: [] as SimCandidate[] };
  const jobs = new Map(lists.jobs.map((j) => [j.id, j]));
  const candidates = new Map<string, EvalyoCandidateLookup>(lists.candidates.map((c) => [c.candidate.id, c]));
  const byEmail = new Map<string, EvalyoCandidateLookup>(lists.candidates.map((c) => [c.candidate.email.toLowerCase(), c]));
  const interviews = new Map(lists.interviews.map((i) => [i.detail.id, i]));
  const reports = new Map(lists.interviews.flatMap((i) => (i.report ? [[i.report.id, i.report] as const] : [])));
  // Built once per change, not per request (a large seed has tens of thousands of candidates).
  let everyCandidate: SimCandidate[] | null = null;
  return {
    ...lists,
    job: (id) => jobs.get(id),
    candidate: (id) => candidates.get(id),
    candidateByEmail: (email) => byEmail.get(email.toLowerCase()),
    allCandidates: () => (everyCandidate ??= [...lists.createdCandidates, ...lists.candidates.map((c) => c.candidate)]),
    interview: (id) => interviews.get(id),
    report: (id) => reports.get(id),
    add(record) {
      lists.interviews.unshift(record);
      interviews.set(record.detail.id, record);
    },
    addCandidate(candidate) {
      const lookup = { candidate, personIndex: null };
      lists.createdCandidates.unshift(candidate);
      everyCandidate = null;
      candidates.set(candidate.id, lookup);
      byEmail.set(candidate.email.toLowerCase(), lookup);
    },
    addReport(report) {
      reports.set(report.id, report);
    },
  };
}

/** Evalyo lists newest first; ties broken by id so the order (and offset paging) is stable. */
function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function shuffle<T>(random: SeededRandom, items: T[]): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/**
 * An unfinished conversation ends on an agent question still waiting for its answer (`isPendingQuestion`).
 * `earlier` turns (in order) are kept, their pending question answered, and the conversation goes on
 * without asking a question twice; without them the draws are those the seeded data was made with.
 */
function makeTranscript(random: SeededRandom, interviewId: string, lang: Lang, count: number, pending: boolean, earlier: readonly SimTurn[] = []): SimTurn[] {
  const turns: SimTurn[] = earlier.map((turn) => ({ ...turn, isPendingQuestion: false }));
  const questions = AGENT_QUESTIONS[lang].filter((question) => !earlier.some((turn) => turn.content === question));
  for (let n = turns.length + 1; n <= count; n += 1) {
    const agent = n % 2 === 1;
    const last = n === count;
    let content: string;
    if (!agent) content = random.pick(CANDIDATE_ANSWERS[lang]);
    else if (n === 1) content = AGENT_OPENING[lang];
    else if (last && !pending) content = AGENT_CLOSING[lang];
    else content = questions.splice(random.int(0, questions.length - 1), 1)[0] ?? AGENT_QUESTIONS[lang][0];
    turns.push({
      turnNumber: n,
      role: agent ? 'agent' : 'candidate',
      content,
      audioUrl: `${EVALYO_STORAGE}/recordings/${interviewId}/turns/${n}.webm`,
      isPendingQuestion: pending && last && agent,
      evaluation: agent ? null : { score: random.int(3, 10), maxScore: 10, flags: random.chance(0.1) ? ['LONG_SILENCE'] : [] },
    });
  }
  return turns;
}

function otherShape(evaluation: SimEvaluation): SimOtherEvaluation {
  return {
    overallScore: `${evaluation.overallScore}/100`,
    recommendation: evaluation.recommendation,
    summary: evaluation.summary,
    criteria: Object.fromEntries(evaluation.criteria.map((c) => [c.name, c.score])),
    flags: evaluation.flags.map((f) => f.type),
  };
}

function makeEvaluation(random: SeededRandom, criteria: JobSpec['criteria'], lang: Lang): SimEvaluation {
  const quality = 0.2 + random.next() * 0.75;
  const scored = criteria.map(({ name, maxScore }): SimCriterion => {
    const score = Math.max(0, Math.min(maxScore, Math.round(quality * maxScore + random.int(-1, 1))));
    const band = score / maxScore >= 0.75 ? 0 : score / maxScore >= 0.45 ? 1 : 2;
    return { name, score, maxScore, comment: CRITERION_COMMENTS[lang][band] };
  });
  const overallScore = Math.round((100 * scored.reduce((sum, c) => sum + c.score / c.maxScore, 0)) / scored.length);
  const band = overallScore >= 80 ? 0 : overallScore >= 65 ? 1 : overallScore >= 45 ? 2 : 3;
  const recommendation = (['STRONG_HIRE', 'HIRE', 'NO_HIRE', 'STRONG_NO_HIRE'] as const)[band];
  const flagTypes = (Object.keys(FLAGS) as Array<SimFlag['type']>).filter(() => random.chance(0.3));
  const flags: SimFlag[] = random.chance(0.3)
    ? (flagTypes.length > 0 ? flagTypes.slice(0, 2) : (['LONG_SILENCE'] as const)).map((type) => ({
        type,
        severity: random.pick(['LOW', 'MEDIUM', 'HIGH'] as const),
        description: FLAGS[type][lang],
      }))
    : [];
  const pickSome = (pool: string[], min: number, max: number) => {
    const copy = [...pool];
    shuffle(random, copy);
    return copy.slice(0, random.int(min, max));
  };
  return {
    overallScore,
    recommendation,
    summary: SUMMARIES[lang][band],
    strengths: pickSome(STRENGTHS[lang], band <= 1 ? 2 : 1, 3),
    weaknesses: pickSome(WEAKNESSES[lang], band === 0 ? 0 : 1, 2),
    criteria: scored,
    flags,
  };
}
