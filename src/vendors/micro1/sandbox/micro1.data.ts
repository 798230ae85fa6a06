/**
 * The micro1 simulator's deterministic data set (same seed → same data), in micro1's shapes.
 * - 5 templates (question time in SECONDS, as the list reports it); three English (CEFR
 *   soft-skill ratings), one French and one Spanish (word-ladder ratings).
 * - 260 invites over distinct (template, candidate) pairs, over 200 distinct people.
 * - About 60% have a report; a few sessions have a retake too, so "latest report" logic has
 *   something to choose between.
 */
import { createPeople, DATA_EPOCH, SHARED_PEOPLE_COUNT, varyEmail, type Person } from '../../kit/sandbox/data/people';
import { SeededRandom, seedOf } from '../../kit/sandbox/data/random';
import { extraCount, extraRandom, syntheticPeoplePicker, SYNTHETIC_REGIONS } from '../../kit/sandbox/data/large-seed';

export const MICRO1_DEFAULT_SEED = 1001;
/** How many invites (sessions) the data set holds. */
export const MICRO1_INVITE_COUNT = 260;
/** Invites given to people who already have one at another template. */
const MICRO1_REPEAT_INVITES = 40;
/** Pool indices the non-shared micro1 candidates come from (inclusive). */
export const MICRO1_POOL_RANGE = { from: SHARED_PEOPLE_COUNT, to: 259 } as const;

export interface SimSkill {
  name: string;
  description: string;
}

export interface SimCustomQuestion {
  question: string;
  /** Seconds (the list endpoint's unit). */
  time: number;
  type: 'audio' | 'text';
}

/** GET /interviews item. */
export interface SimInterview {
  interview_id: string;
  interview_name: string;
  invite_url: string;
  skills: SimSkill[];
  custom_questions: SimCustomQuestion[];
  interview_language: string;
  can_change_interview_language: boolean;
  only_coding_round: boolean;
  is_coding_round_required: boolean;
  selected_coding_language: string;
  is_proctoring_required: boolean;
  date_created: string;
  date_modified: string;
  status: string;
}

/** GET /interview/invites item. */
export interface SimInvite {
  candidate_id: string;
  interview_id: string;
  interview_name: string;
  candidate_name: string;
  candidate_email_id: string;
  date_created: string;
  date_modified: string;
  status: string;
}

export interface SimEvaluation {
  feedback: string;
  rating: string;
}

/** GET /interview/reports item (also the `interview_report.created` webhook data). */
export interface SimReport {
  report_id: string;
  session_id: string;
  interview_id: string;
  interview_name: string;
  candidate_id: string;
  job_applicant_id?: string;
  ats_job_application_id: string | null;
  ats_job_id: string | null;
  candidate_name: string;
  candidate_email_id: string;
  report_date: string;
  report_url: string;
  interview_recording_url: string;
  interview_recording_player_url: string;
  interview_webcam_recording_url?: string;
  interview_webcam_recording_player_url?: string;
  proctoring_score: number;
  ai_match_score: number;
  proctoring_violations: Array<{ type: 'tab_switch' | 'eye_movement' | 'ai_classifier'; value: string; description: string }>;
  interview_transcript: Array<{ timestamp: number; role: 'interviewer' | 'user'; content: string }>;
  technical_skills_evaluation: Array<{ skill: string; ai_evaluation: SimEvaluation; timestamp: number }>;
  soft_skills_evaluation: Array<{
    skill: string;
    ai_evaluation: SimEvaluation & { sub_score: { vocabulary: string; grammar: string; critical_thinking: string } };
  }>;
  coding_skills_evaluation?: SimEvaluation;
  custom_exercise_evaluation: SimEvaluation | null;
  custom_question_evaluation: Array<{ question_text: string; answer_text: string; ai_evaluation: SimEvaluation }>;
  date_created: string;
  date_modified: string;
  status: string;
}

/** A pool person as micro1 knows them. */
export interface SimCandidate {
  person: Person;
  candidateId: string;
  /** The email as micro1 shows it (shared people: varied case/whitespace). */
  email: string;
  name: string;
}

export interface Micro1Dataset {
  /** In the order GET /interviews serves them (newest first). */
  templates: SimInterview[];
  /** In the order GET /interview/invites serves them (newest first). */
  invites: SimInvite[];
  /** In the order GET /interview/reports serves them (newest first); retakes included. */
  reports: SimReport[];
  candidates: SimCandidate[];
}

// ------------------------------------------------------------------ vocabulary

const EXPERIENCE = ['Not experienced', 'Junior', 'Mid-level', 'Senior'];
const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const SOFT_WORDS = ['Not Experienced', 'Below Average', 'Average', 'Good', 'Excellent'];
const ANSWERS = ['Not an impressive answer', 'Average answer', 'Good answer', 'Great answer'];

interface TemplateSpec {
  name: string;
  language: string;
  coding: string | null;
  skills: SimSkill[];
  questions: Array<{ question: string; answer: string }>;
}

const TEMPLATE_SPECS: TemplateSpec[] = [
  {
    name: 'Full Stack Engineer Interview',
    language: 'English',
    coding: 'JavaScript',
    skills: [
      { name: 'React', description: 'Must be proficient in React Context API and hooks' },
      { name: 'Node.js', description: 'Building and operating REST APIs in production' },
      { name: 'TypeScript', description: 'Strict typing across front end and back end' },
      { name: 'PostgreSQL', description: 'Schema design, indexing and query tuning' },
      { name: 'System design', description: 'Designing scalable web applications' },
    ],
    questions: [
      { question: 'Are you willing to relocate?', answer: 'Yes, I am willing to relocate for the right role.' },
      { question: 'What is your notice period?', answer: 'My notice period is one month.' },
    ],
  },
  {
    name: 'Senior Backend Engineer (Go)',
    language: 'English',
    coding: 'Go',
    skills: [
      { name: 'Go', description: 'Idiomatic Go, concurrency with goroutines and channels' },
      { name: 'Distributed systems', description: 'Consistency, partitioning and failure handling' },
      { name: 'Kubernetes', description: 'Deploying and debugging services on Kubernetes' },
      { name: 'gRPC', description: 'Designing service contracts with protobuf' },
    ],
    questions: [{ question: 'Describe an outage you led the response for.', answer: 'A cache stampede took our API down; I led the rollback and the fix.' }],
  },
  {
    name: 'Data Scientist – Machine Learning',
    language: 'English',
    coding: 'Python',
    skills: [
      { name: 'Python', description: 'pandas, NumPy and scikit-learn' },
      { name: 'Machine learning', description: 'Supervised learning, model evaluation' },
      { name: 'SQL', description: 'Analytical queries and window functions' },
      { name: 'Statistics', description: 'Hypothesis testing and experimental design' },
      { name: 'MLOps', description: 'Model deployment and monitoring' },
      { name: 'Experimentation', description: 'Running and reading A/B tests' },
    ],
    questions: [
      { question: 'Where do you see yourself in 5 years?', answer: 'Leading an applied ML team.' },
      { question: 'What are your salary expectations?', answer: 'Around the market median for this level.' },
      { question: 'Tell us about a model you shipped.', answer: 'A churn model that cut churn by four percent.' },
    ],
  },
  {
    name: 'Entretien Product Designer',
    language: 'French',
    coding: null,
    skills: [
      { name: 'Figma', description: 'Prototypage et design systems' },
      { name: 'Recherche utilisateur', description: 'Entretiens et tests d’utilisabilité' },
    ],
    questions: [
      { question: 'Pourquoi voulez-vous nous rejoindre ?', answer: 'Votre produit résout un vrai problème.' },
      { question: 'Présentez un projet dont vous êtes fier.', answer: 'La refonte d’un parcours de paiement.' },
      { question: 'Comment gérez-vous les retours négatifs ?', answer: 'Je cherche le problème derrière le retour.' },
      { question: 'Êtes-vous disponible immédiatement ?', answer: 'Oui, dès le mois prochain.' },
    ],
  },
  {
    name: 'Customer Success Manager',
    language: 'Spanish',
    coding: null,
    skills: [
      { name: 'Onboarding de clientes', description: 'Planes de adopción para cuentas nuevas' },
      { name: 'Gestión de cuentas', description: 'Renovaciones y ampliaciones' },
      { name: 'CRM', description: 'Salesforce o HubSpot' },
    ],
    questions: [],
  },
];

const INTERVIEWER_LINES = [
  'Can you tell me about yourself?',
  'Walk me through a recent project you are proud of.',
  'How would you design this feature for a million users?',
  'What trade-offs did you consider there?',
  'How do you test that code?',
  'Tell me about a disagreement with a teammate and how you resolved it.',
];
const CANDIDATE_LINES = [
  'I have spent the last four years building web products end to end.',
  'I led the migration of our billing service to a new architecture.',
  'I would start with the data model and the read path, then add caching.',
  'Mostly latency against consistency; we chose eventual consistency for the feed.',
  'Unit tests for the logic, contract tests at the boundaries, a few end-to-end checks.',
  'We wrote down both options, measured them, and picked the simpler one.',
];
const FEEDBACK = [
  'Candidate has demonstrated a solid understanding of the fundamentals.',
  'Answers were correct but lacked depth on edge cases.',
  'Showed strong practical experience with clear examples.',
  'Struggled to explain trade-offs in the design.',
];
const VIOLATIONS = {
  tab_switch: (n: number) => ({ value: String(n), description: `${n} tab switches detected, indicating multitasking or external searches.` }),
  eye_movement: (n: number) => ({ value: `${n}%`, description: `Candidate looked away from the screen ${n}% of the time.` }),
  ai_classifier: (n: number) => ({ value: `${n}%`, description: `${n}% likelihood that answers were read from an AI assistant.` }),
} as const;

const DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:MM:SS` in UTC, as micro1 writes it. */
export function naiveUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

// ------------------------------------------------------------------ generation

/** With `extraInterviews` 0 the data set is exactly as described above. */
export function createMicro1Dataset(seed: number = MICRO1_DEFAULT_SEED, extraInterviews = 0): Micro1Dataset {
  const random = new SeededRandom(seed);
  const people = createPeople();
  const mixedId = (length: number) => random.id(length, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');

  const templates: SimInterview[] = TEMPLATE_SPECS.map((spec, i) => {
    const id = random.uuid();
    const created = DATA_EPOCH - (120 - i * 6) * DAY + random.int(0, DAY - 1);
    return {
      interview_id: id,
      interview_name: spec.name,
      invite_url: `https://interview.micro1.ai/intro/micro1?uid=${id}`,
      skills: spec.skills,
      custom_questions: spec.questions.map((q) => ({
        question: q.question,
        time: random.pick([60, 90, 120, 180, 240]),
        type: random.chance(0.7) ? ('audio' as const) : ('text' as const),
      })),
      interview_language: spec.language,
      can_change_interview_language: random.chance(0.3),
      only_coding_round: false,
      is_coding_round_required: spec.coding !== null,
      selected_coding_language: spec.coding ?? 'User choice',
      is_proctoring_required: true,
      date_created: naiveUtc(created),
      date_modified: naiveUtc(created + random.int(0, 5) * DAY),
      status: 'active',
    };
  });
  const templateCreated = new Map(templates.map((t) => [t.interview_id, Date.parse(`${t.date_created.replace(' ', 'T')}Z`)]));

  const candidates = new Map<number, SimCandidate>();
  const candidateFor = (person: Person): SimCandidate => {
    let candidate = candidates.get(person.index);
    if (!candidate) {
      candidate = {
        person,
        candidateId: mixedId(10),
        email: person.index < SHARED_PEOPLE_COUNT ? varyEmail(person.email, person.index + 1) : person.email,
        name: `${person.firstName} ${person.lastName}`,
      };
      candidates.set(person.index, candidate);
    }
    return candidate;
  };

  // Distinct (template, candidate) pairs: every shared person at one or two templates, then pool people.
  const pairs: Array<{ template: SimInterview; candidate: SimCandidate }> = [];
  const seen = new Set<string>();
  const addPair = (template: SimInterview, person: Person) => {
    const key = `${template.interview_id}|${person.index}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push({ template, candidate: candidateFor(person) });
  };
  for (let index = 0; index < SHARED_PEOPLE_COUNT; index += 1) {
    addPair(random.pick(templates), people[index]);
    if (random.chance(0.4)) addPair(random.pick(templates), people[index]);
  }
  // Most of the slice once each (so micro1 has 200+ distinct candidates), then some people
  // invited to a second template.
  const slice = Array.from({ length: MICRO1_POOL_RANGE.to - MICRO1_POOL_RANGE.from + 1 }, (_, i) => MICRO1_POOL_RANGE.from + i);
  for (let i = slice.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [slice[i], slice[j]] = [slice[j], slice[i]];
  }
  for (const index of slice.slice(0, MICRO1_INVITE_COUNT - MICRO1_REPEAT_INVITES - pairs.length)) addPair(random.pick(templates), people[index]);
  while (pairs.length < MICRO1_INVITE_COUNT) {
    addPair(random.pick(templates), people[random.int(MICRO1_POOL_RANGE.from, MICRO1_POOL_RANGE.to)]);
  }

  const invites: SimInvite[] = [];
  const reports: SimReport[] = [];
  for (const { template, candidate } of pairs) {
    const earliest = Math.max(templateCreated.get(template.interview_id) as number, DATA_EPOCH - 90 * DAY);
    const invited = random.int(earliest, DATA_EPOCH - 2 * DAY);
    let modified = invited;
    if (random.chance(0.6)) {
      const completed = Math.min(invited + random.int(1 * 60 * 60 * 1000, 10 * DAY), DATA_EPOCH - 60 * 60 * 1000);
      if (random.chance(0.05)) {
        // A retake: an earlier sitting with its own report.
        reports.push(makeReport(random, template, candidate, invited + random.int(1, Math.max(1, completed - invited - 1)) - 1));
      }
      reports.push(makeReport(random, template, candidate, completed));
      modified = completed;
    }
    invites.push({
      candidate_id: candidate.candidateId,
      interview_id: template.interview_id,
      interview_name: template.interview_name,
      candidate_name: candidate.name,
      candidate_email_id: candidate.email,
      date_created: naiveUtc(invited),
      date_modified: naiveUtc(modified),
      status: 'active',
    });
  }

  const extra = extraCount(extraInterviews);
  if (extra > 0) addExtraInvites(seed, extra, { templates, templateCreated, candidates, invites, reports });

  return {
    templates: sortNewestFirst(templates, (t) => t.interview_id),
    invites: sortNewestFirst(invites, (i) => `${i.interview_id}|${i.candidate_id}`),
    reports: sortNewestFirst(reports, (r) => r.report_id),
    candidates: [...candidates.values()].sort((a, b) => a.person.index - b.person.index),
  };
}

/**
 * Drawn from their own generator, so the documented rows are untouched; ~40 % have a lean report.
 * The caller sorts everything newest first afterwards.
 */
function addExtraInvites(
  seed: number,
  count: number,
  into: { templates: SimInterview[]; templateCreated: Map<string, number>; candidates: Map<number, SimCandidate>; invites: SimInvite[]; reports: SimReport[] },
): void {
  const random = extraRandom(seed);
  const pickPerson = syntheticPeoplePicker(random, SYNTHETIC_REGIONS.micro1, count);
  const seen = new Set<string>();
  const candidateFor = (person: Person): SimCandidate => {
    let candidate = into.candidates.get(person.index);
    if (!candidate) {
      candidate = {
        person,
        candidateId: random.id(10, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
        email: person.email,
        name: `${person.firstName} ${person.lastName}`,
      };
      into.candidates.set(person.index, candidate);
    }
    return candidate;
  };
  for (let i = 0; i < count; i += 1) {
    // A session is a (template, candidate) pair: draw again when the pair exists already.
    let template = random.pick(into.templates);
    let person = pickPerson();
    while (seen.has(`${template.interview_id}|${person.index}`)) {
      template = random.pick(into.templates);
      person = pickPerson();
    }
    seen.add(`${template.interview_id}|${person.index}`);
    const candidate = candidateFor(person);
    const earliest = Math.max(into.templateCreated.get(template.interview_id) as number, DATA_EPOCH - 90 * DAY);
    const invited = random.int(earliest, DATA_EPOCH - 2 * DAY);
    let modified = invited;
    if (random.chance(0.4)) {
      const completed = Math.min(invited + random.int(1 * 60 * 60 * 1000, 10 * DAY), DATA_EPOCH - 60 * 60 * 1000);
      into.reports.push(makeReport(random, template, candidate, completed, LEAN_TURNS));
      modified = completed;
    }
    into.invites.push({
      candidate_id: candidate.candidateId,
      interview_id: template.interview_id,
      interview_name: template.interview_name,
      candidate_name: candidate.name,
      candidate_email_id: candidate.email,
      date_created: naiveUtc(invited),
      date_modified: naiveUtc(modified),
      status: 'active',
    });
  }
}

/** micro1 lists newest first; ties broken by id so the order (and offset paging) is stable. */
function sortNewestFirst<T extends { date_created: string }>(items: T[], id: (item: T) => string): T[] {
  return [...items].sort((a, b) => (a.date_created === b.date_created ? id(a).localeCompare(id(b)) : a.date_created < b.date_created ? 1 : -1));
}

// ------------------------------------------------------------------ live changes (webhook demos)

/** The invite of a session, or undefined. */
export function findMicro1Invite(dataset: Micro1Dataset, interviewId: string, candidateId: string): SimInvite | undefined {
  return dataset.invites.find((i) => i.interview_id === interviewId && i.candidate_id === candidateId);
}

/** Not yet added (see addMicro1Report). Sessions invited through the API take name and email from their invite. */
export function buildMicro1SessionReport(dataset: Micro1Dataset, interviewId: string, candidateId: string, at: number): SimReport {
  const template = dataset.templates.find((t) => t.interview_id === interviewId);
  const invite = findMicro1Invite(dataset, interviewId, candidateId);
  const known = dataset.candidates.find((c) => c.candidateId === candidateId);
  const candidate: ReportCandidate | undefined = known ?? (invite ? { candidateId, name: invite.candidate_name, email: invite.candidate_email_id } : undefined);
  if (!template || !candidate) throw new Error(`no micro1 session ${interviewId}~${candidateId} in the data set`);
  return makeReport(new SeededRandom(seedOf(`${interviewId}~${candidateId}~${at}`)), template, candidate, at);
}

/** Adds a template as GET /interviews lists it from now on (newest first). */
export function addMicro1Template(dataset: Micro1Dataset, template: SimInterview): void {
  insertNewestFirst(dataset.templates, template);
}

/** Adds an invite (a new session) as GET /interview/invites lists it from now on. */
export function addMicro1Invite(dataset: Micro1Dataset, invite: SimInvite): void {
  insertNewestFirst(dataset.invites, invite);
}

/**
 * Ahead of everything from its own second too: micro1 orders by full creation time (the seed
 * breaks same-second ties by id only because it has no finer clock).
 */
function insertNewestFirst<T extends { date_created: string }>(list: T[], item: T): void {
  const at = list.findIndex((other) => other.date_created <= item.date_created);
  list.splice(at < 0 ? list.length : at, 0, item);
}

/** Also moves its invite's `date_modified` to the report's creation when that is later. */
export function addMicro1Report(dataset: Micro1Dataset, report: SimReport): void {
  const newer = (r: SimReport) => r.date_created > report.date_created || (r.date_created === report.date_created && r.report_id < report.report_id);
  const at = dataset.reports.findIndex((r) => !newer(r));
  dataset.reports.splice(at < 0 ? dataset.reports.length : at, 0, report);
  const invite = findMicro1Invite(dataset, report.interview_id, report.candidate_id);
  if (invite && invite.date_modified < report.date_created) invite.date_modified = report.date_created;
}

/** What a report needs to know about its candidate. */
type ReportCandidate = Pick<SimCandidate, 'candidateId' | 'name' | 'email'>;

/** A custom-question answer for templates created through the API (no scripted answers). */
const GENERIC_ANSWER = 'I would answer that with an example from my last role.';

/** Transcript lengths (turns, inclusive): the documented data set's, and large seeding's lean one. */
const FULL_TURNS: readonly [number, number] = [4, 10];
const LEAN_TURNS: readonly [number, number] = [2, 4];

function makeReport(random: SeededRandom, template: SimInterview, candidate: ReportCandidate, at: number, turnRange = FULL_TURNS): SimReport {
  const reportId = random.id(10, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  const english = template.interview_language === 'English';
  // Seeded templates have scripted answers; templates created through the API get a generic one.
  const spec = TEMPLATE_SPECS.find((s) => s.name === template.interview_name) ?? {
    questions: template.custom_questions.map((q) => ({ question: q.question, answer: GENERIC_ANSWER })),
  };

  const violationTypes = (Object.keys(VIOLATIONS) as Array<keyof typeof VIOLATIONS>).filter(() => random.chance(0.5));
  const violations = random.chance(0.35)
    ? (violationTypes.length > 0 ? violationTypes : (['tab_switch'] as const)).map((type) => ({
        type,
        ...VIOLATIONS[type](type === 'tab_switch' ? random.int(1, 6) : random.int(4, 40)),
      }))
    : [];

  const turns = random.int(turnRange[0], turnRange[1]);
  let second = random.int(0, 5);
  const transcript = Array.from({ length: turns }, (_, i) => {
    const role = i % 2 === 0 ? ('interviewer' as const) : ('user' as const);
    const entry = { timestamp: second, role, content: random.pick(role === 'interviewer' ? INTERVIEWER_LINES : CANDIDATE_LINES) };
    second += random.int(15, 90);
    return entry;
  });

  let skillAt = random.int(30, 90);
  const technical = template.skills.map((skill) => {
    const entry = { skill: skill.name, ai_evaluation: { feedback: random.pick(FEEDBACK), rating: drift(random, random.pick(EXPERIENCE)) }, timestamp: skillAt };
    skillAt += random.int(60, 240);
    return entry;
  });

  const softRating = () => (random.chance(0.08) ? 'Senior' : english ? random.pick(CEFR) : random.pick(SOFT_WORDS));
  const subScore = () => (english ? random.pick(CEFR) : random.pick(SOFT_WORDS));
  const softSkills = ['Overall', ...(random.chance(0.5) ? ['Communication'] : [])].map((skill) => ({
    skill,
    ai_evaluation: {
      feedback: 'Candidate demonstrated clear and organized thoughts, addressing each question with relevant examples.',
      rating: softRating(),
      sub_score: { vocabulary: subScore(), grammar: subScore(), critical_thinking: subScore() },
    },
  }));

  const customQuestions = spec.questions.map((q) => {
    const base = random.chance(0.05) ? 'Senior' : random.pick(ANSWERS);
    // Capitalisation drift seen in micro1's own examples ("Great Answer").
    const rating = random.chance(0.3) ? base.replace(/ answer$/, ' Answer') : base;
    return { question_text: q.question, answer_text: q.answer, ai_evaluation: { feedback: random.pick(FEEDBACK), rating } };
  });

  const webcam = random.chance(0.4);
  const linked = random.chance(0.5);
  const report: SimReport = {
    report_id: reportId,
    session_id: random.uuid(),
    interview_id: template.interview_id,
    interview_name: template.interview_name,
    candidate_id: candidate.candidateId,
    ...(linked ? { job_applicant_id: random.uuid() } : {}),
    ats_job_application_id: linked ? `APP${random.int(1000, 9999)}` : null,
    ats_job_id: linked ? `JOB${random.int(100, 999)}` : null,
    candidate_name: candidate.name,
    candidate_email_id: candidate.email,
    report_date: naiveUtc(at).slice(0, 10),
    report_url: `https://micro1.ai/report/${reportId}.pdf`,
    interview_recording_url: `https://micro1.ai/interview/${reportId}.m3u8`,
    interview_recording_player_url: `https://client.micro1.ai/ai-interview-video/${reportId}`,
    ...(webcam
      ? {
          interview_webcam_recording_url: `https://micro1.ai/interview/${reportId}-webcam.m3u8`,
          interview_webcam_recording_player_url: `https://client.micro1.ai/ai-interview-video/${reportId}?view=webcam`,
        }
      : {}),
    proctoring_score: violations.length > 0 ? random.int(40, 84) : random.int(85, 100),
    ai_match_score: random.int(30, 97),
    proctoring_violations: violations,
    interview_transcript: transcript,
    technical_skills_evaluation: technical,
    soft_skills_evaluation: softSkills,
    ...(template.is_coding_round_required
      ? { coding_skills_evaluation: { feedback: random.pick(FEEDBACK), rating: drift(random, random.pick(EXPERIENCE)) } }
      : {}),
    custom_exercise_evaluation:
      template.is_coding_round_required && random.chance(0.25) ? { feedback: random.pick(FEEDBACK), rating: random.pick(EXPERIENCE) } : null,
    custom_question_evaluation: customQuestions,
    date_created: naiveUtc(at),
    date_modified: naiveUtc(at + random.int(0, 3) * 60 * 60 * 1000),
    status: 'active',
  };
  return report;
}

/** Occasional case drift on experience labels ("senior", "MID-LEVEL"). */
function drift(random: SeededRandom, label: string): string {
  if (!random.chance(0.08)) return label;
  return random.chance(0.5) ? label.toLowerCase() : label.toUpperCase();
}
