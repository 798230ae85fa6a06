/**
 * The deterministic HeyMilo data set, typed by the vendor's OpenAPI types so the compiler checks
 * the simulator against the spec independently of the adapter's zod schemas.
 * - 5 postings, newest first: two `active`, one `draft` with no candidates (in the middle, so list
 *   walks cross an empty posting), one `expired`, one `archived`.
 * - 230 candidates, over 200 distinct people; every status word appears in every staffed posting.
 *   People 0–3 are also in the next posting, with the same `candidate_id` and a varied email.
 * - Recording URLs are stored unsigned; the simulator signs them per response, as the real CDN does.
 * - 2 interview templates (`IT_…`) for `POST /api/v2/postings` with `interview_template_id`.
 */
import { createHash } from 'node:crypto';
import type { components } from '../heymilo.openapi';
import { createPeople, DATA_EPOCH, type Person, SHARED_PEOPLE_COUNT, varyEmail } from '../../kit/sandbox/data/people';
import { SeededRandom, seedOf } from '../../kit/sandbox/data/random';
import { extraCount, extraRandom, syntheticPeoplePicker, SYNTHETIC_REGIONS, weighted } from '../../kit/sandbox/data/large-seed';

type Spec = components['schemas'];
export type SimPosting = Spec['PostingResponse'];
export type SimCandidate = Spec['CandidateResponse'];
export type SimInterviewData = Spec['InterviewDataResponse'];
export type SimInterviewTemplate = Spec['InterviewTemplateResponse'];
type SimWorkflowStep = Spec['WorkflowStepStatus'];
type SimTranscriptEntry = Spec['TranscriptEntry'];
type SimScorecardQuestion = Spec['ScorecardQuestion'];

/** Every candidate status word HeyMilo documents (`/data` adds `not_ready`). */
export const HEYMILO_STATUS_WORDS = ['pending', 'in_progress', 'evaluating', 'completed', 'shortlisted', 'dismissed', 'knocked_out'] as const;
export type HeymiloStatusWord = (typeof HEYMILO_STATUS_WORDS)[number];

/** Words whose `/data` answers `not_ready` (the candidate has not finished). */
export const HEYMILO_UNFINISHED_WORDS: readonly HeymiloStatusWord[] = ['pending', 'in_progress', 'evaluating'];

/** One interview (candidate × posting) as the simulator serves it. Timestamps are Unix seconds. */
export interface HeymiloInterviewRecord {
  interviewId: string;
  postingId: string;
  candidateId: string;
  /** Index in the shared people pool. */
  personIndex: number;
  status: HeymiloStatusWord;
  /** True when `/data` has results (status not in HEYMILO_UNFINISHED_WORDS). */
  ready: boolean;
  /** Unix seconds the candidate was ingested. */
  createdAt: number;
  /** The list row (`GET /postings/{id}/candidates`); recording links unsigned. */
  candidate: SimCandidate;
  /** The `/data` object; `status: 'not_ready'` and null results when not ready; recording URLs unsigned. */
  data: SimInterviewData;
  /** What this interview's /data carries, for tests. */
  has: { webInterview: boolean; video: boolean; sms: boolean; resume: boolean; form: boolean; cheatDetection: boolean };
}

/** `personIndex` of candidates ingested through the API whose email no seeded candidate has. */
export const HEYMILO_API_INVITEE = -1;

export interface HeymiloPostingRecord {
  posting: SimPosting;
  /** In list order (newest first). */
  interviews: HeymiloInterviewRecord[];
}

/** The whole data set; tests use it to compute expected answers and call counts. */
export interface HeymiloDataset {
  /** In list order (newest first). */
  postings: HeymiloPostingRecord[];
  /** Every interview, in the order a walk over postings then candidates meets them. */
  interviews: HeymiloInterviewRecord[];
  posting(id: string): HeymiloPostingRecord | undefined;
  interview(id: string): HeymiloInterviewRecord | undefined;
  /** Interview templates (`GET /api/v2/interview-templates` shape), each naming its blueprint posting. */
  interviewTemplates: SimInterviewTemplate[];
  interviewTemplate(id: string): SimInterviewTemplate | undefined;
  /** Adds a posting created through the API at the head of the list (the list is newest first). */
  addPosting(posting: SimPosting): HeymiloPostingRecord;
  /** Throws when its posting is not in the data set. */
  addInterview(record: HeymiloInterviewRecord): void;
  /** An earlier interview of the same email (case- and whitespace-insensitive), if any: its candidate_id is the person's. */
  interviewByEmail(email: string): HeymiloInterviewRecord | undefined;
}

const DAY = 86_400;
const HOUR = 3_600;
const MINUTE = 60;
const EPOCH = Math.floor(DATA_EPOCH / 1000);

type StepType = 'web_interview' | 'resume' | 'form' | 'conversational_sms';

interface QuestionSpec {
  text: string;
  criteria: string;
  score1: string;
  score5: string;
  weight: number;
  notScored?: boolean;
  /** Answers from strong to weak. */
  answers: [string, string, string];
}

interface PostingSpec {
  title: string;
  slug: string;
  status: 'active' | 'draft' | 'expired' | 'archived';
  /** Days before DATA_EPOCH the posting was created. */
  createdDaysAgo: number;
  /** Days before DATA_EPOCH candidates stopped arriving (expiry / archive). */
  closedDaysAgo: number;
  candidates: number;
  interviewerName: string;
  workflow: StepType[];
  video: boolean;
  cheatDetection: boolean;
  description: string;
  questions: QuestionSpec[];
  highlights: string[];
  lowlights: string[];
  tags: string[];
  resumeCriteria?: string[];
  eligibility?: string[];
  form?: Array<{ text: string; type: string; knockout: boolean; expected: string | null; answers: [string, string] }>;
  sms?: Array<{ ask: string; yes: string; no: string; dealbreaker: boolean }>;
}

const POSTINGS: PostingSpec[] = [
  {
    title: 'Senior Backend Engineer (Go)',
    slug: 'senior-backend-engineer-go',
    status: 'active',
    createdDaysAgo: 15,
    closedDaysAgo: 0,
    candidates: 60,
    interviewerName: 'Milo',
    workflow: ['resume', 'web_interview'],
    video: true,
    cheatDetection: true,
    description: 'We are hiring a senior backend engineer to own payment-ledger services written in Go, running on Kubernetes with PostgreSQL and Kafka.',
    questions: [
      {
        text: 'Walk me through how you would design an idempotent payment API that can be retried safely.',
        criteria: 'Idempotency keys, storage of request fingerprints, handling of concurrent retries and partial failures.',
        score1: 'Cannot explain why retries are dangerous.',
        score5: 'Describes idempotency keys and a dedupe table, with some gaps around concurrency.',
        weight: 9,
        answers: [
          'I would require an idempotency key per request, store it with a hash of the body in the same transaction as the ledger write, and return the stored response on replays. Concurrent duplicates block on a row lock so only one wins.',
          'I would add an idempotency key header and keep a table of keys we have seen, returning the earlier result if the key shows up again.',
          'I would just check whether the payment already exists before inserting it, that usually works.',
        ],
      },
      {
        text: 'Tell me about a production incident you led. What broke and what did you change afterwards?',
        criteria: 'Ownership, structured debugging, blameless follow-up and durable fixes.',
        score1: 'No concrete incident or no learning.',
        score5: 'Clear incident narrative with reasonable follow-up actions.',
        weight: 7,
        answers: [
          'A Kafka consumer lag spike stalled settlements for forty minutes. I ran the incident, found a poison message loop, added a dead-letter topic and lag alerts, and we wrote a runbook the on-call still uses.',
          'We had an outage when a migration locked a big table. I helped roll it back and afterwards we started running migrations at night.',
          'Something broke once with the database but another team handled it.',
        ],
      },
      {
        text: 'How do you approach concurrency in Go when several goroutines update shared state?',
        criteria: 'Channels vs mutexes, race detector, context cancellation, avoiding goroutine leaks.',
        score1: 'Unaware of data races.',
        score5: 'Uses mutexes or channels correctly, mentions the race detector.',
        weight: 8,
        answers: [
          'I prefer to give state a single owner goroutine and talk to it over channels; where that is awkward I use a mutex with small critical sections. Everything runs under the race detector in CI and every goroutine takes a context so it can be cancelled.',
          'I usually protect shared maps with a sync.Mutex and run tests with -race.',
          'Go handles that for you mostly, goroutines are safe.',
        ],
      },
      {
        text: 'How would you reconcile our ledger with a bank statement that arrives once a day?',
        criteria: 'Matching strategy, tolerances, handling of unmatched items and auditability.',
        score1: 'No plan for mismatches.',
        score5: 'Reasonable matching with a manual review queue.',
        weight: 6,
        answers: [
          'Import the statement into a staging table, match on reference then amount and date with a tolerance window, auto-resolve exact matches and push the rest to a review queue with an audit trail of who resolved what.',
          'I would match transactions by amount and date and flag the ones that do not match for someone to check.',
          'Compare the totals and if they are equal it is fine.',
        ],
      },
    ],
    highlights: [
      'Strong grasp of idempotency and exactly-once semantics',
      'Clear, structured incident narrative',
      'Idiomatic Go concurrency practices',
      'Thinks about auditability by default',
      'Concise and precise communication',
    ],
    lowlights: [
      'Limited experience with event sourcing',
      'Vague on capacity planning',
      'Did not mention observability when discussing failures',
      'Some hesitation on database isolation levels',
    ],
    tags: ['golang', 'payments', 'distributed-systems', 'postgresql', 'kafka'],
    resumeCriteria: ['5+ years building backend services in Go', 'Experience with financial or ledger systems', 'Operated services on Kubernetes'],
    eligibility: ['Authorized to work in the EU', 'Able to join the on-call rotation'],
  },
  {
    title: 'Product Designer',
    slug: 'product-designer',
    status: 'draft',
    createdDaysAgo: 25,
    closedDaysAgo: 0,
    candidates: 0,
    interviewerName: 'Sarah',
    workflow: ['web_interview'],
    video: false,
    cheatDetection: false,
    description: 'Draft: product designer for the merchant dashboard. Not yet published.',
    questions: [],
    highlights: [],
    lowlights: [],
    tags: [],
  },
  {
    title: 'Customer Success Manager',
    slug: 'customer-success-manager',
    status: 'active',
    createdDaysAgo: 35,
    closedDaysAgo: 0,
    candidates: 60,
    interviewerName: 'Sarah',
    workflow: ['web_interview', 'conversational_sms'],
    video: false,
    cheatDetection: false,
    description: 'Own a book of 60 mid-market accounts: onboarding, renewals, expansion and executive business reviews.',
    questions: [
      {
        text: 'To start, tell me a little about yourself and what drew you to customer success.',
        criteria: 'Warm-up question; not scored.',
        score1: 'n/a',
        score5: 'n/a',
        weight: 1,
        notScored: true,
        answers: [
          'I spent five years in account management at a SaaS company and loved the part where customers actually got value, so I moved into customer success three years ago.',
          'I have worked in customer-facing roles for a while and customer success seemed like the natural next step.',
          'I saw the job ad and it looked interesting.',
        ],
      },
      {
        text: 'Describe a time you saved an account that was about to churn.',
        criteria: 'Diagnosis of root cause, stakeholder management, measurable outcome.',
        score1: 'No example or blames the customer.',
        score5: 'Concrete example with some actions and an outcome.',
        weight: 9,
        answers: [
          'Our largest logistics customer gave notice after a failed rollout. I got their COO and our product lead in a room, agreed a 30-day recovery plan with weekly check-ins, and they renewed for two years with an expansion.',
          'A customer was unhappy with support times so I set up a weekly call with them and they ended up renewing.',
          'I usually escalate churn risks to my manager.',
        ],
      },
      {
        text: 'How do you prioritise when twenty accounts need you in the same week?',
        criteria: 'Segmentation by risk and value, use of data, saying no, delegation.',
        score1: 'No prioritisation approach.',
        score5: 'Some reasonable prioritisation by urgency.',
        weight: 7,
        answers: [
          'I keep a health score per account combining usage, open tickets and renewal date, work the red accounts first, batch the routine ones into office hours, and tell the rest clearly when I will get to them.',
          'I go by renewal dates and how upset people are.',
          'I just work through my inbox in order.',
        ],
      },
      {
        text: 'How would you run an executive business review for a customer whose usage is flat?',
        criteria: 'Preparation, value narrative, joint success plan, expansion path.',
        score1: 'Would present a generic deck.',
        score5: 'Plans a review with usage data and next steps.',
        weight: 6,
        answers: [
          'I would interview their champion first, bring usage benchmarks against similar customers, tie two or three outcomes to their goals for the year and leave with a signed success plan and owners on both sides.',
          'I would show their usage numbers and suggest features they are not using.',
          'I would go through our standard slides.',
        ],
      },
      {
        text: 'Tell me about a disagreement with a product team and how it was resolved.',
        criteria: 'Advocacy with evidence, collaboration, outcome.',
        score1: 'Conflict without resolution.',
        score5: 'Some evidence-based advocacy.',
        weight: 5,
        answers: [
          'Product wanted to deprecate an export our biggest accounts relied on. I pulled usage data showing thirty percent of ARR used it weekly, and we agreed on a migration path instead of a hard cut-off.',
          'I pushed back on a feature change by collecting customer feedback and they delayed it.',
          'Product usually decides, so I just tell customers.',
        ],
      },
    ],
    highlights: [
      'Empathetic, structured communicator',
      'Uses account health data to prioritise',
      'Concrete churn-save story with measurable outcome',
      'Comfortable with executive stakeholders',
    ],
    lowlights: ['Limited experience with usage-based pricing', 'Answers sometimes lacked specific numbers', 'Little exposure to technical onboarding'],
    tags: ['customer-success', 'saas', 'renewals', 'stakeholder-management'],
    sms: [
      { ask: 'Are you able to work US Eastern hours (9am-5pm ET)?', yes: 'Yes, that works for me.', no: 'Not really, I am in Singapore.', dealbreaker: true },
      { ask: 'Your expected base salary is within 70-85k USD?', yes: 'Yes, that range is fine.', no: 'I was hoping for more like 110k.', dealbreaker: false },
      { ask: 'When could you start if we made you an offer?', yes: 'Within two weeks.', no: 'Probably in three months.', dealbreaker: false },
    ],
  },
  {
    title: 'Data Analyst',
    slug: 'data-analyst',
    status: 'expired',
    createdDaysAgo: 60,
    closedDaysAgo: 30,
    candidates: 55,
    interviewerName: 'Milo',
    workflow: ['form', 'web_interview'],
    video: true,
    cheatDetection: true,
    description: 'Analyst for the growth team: SQL, experimentation and dashboards for marketing and product.',
    questions: [
      {
        text: 'How would you find out why weekly sign-ups dropped by fifteen percent?',
        criteria: 'Segmentation, data quality checks, hypothesis-driven analysis.',
        score1: 'Jumps to conclusions.',
        score5: 'Segments the data and checks a couple of hypotheses.',
        weight: 8,
        answers: [
          'First rule out tracking: compare the event counts with backend records. Then segment by channel, device and country to see where the drop is concentrated, and line that up with releases and campaign changes that week.',
          'I would break sign-ups down by channel and see which one dropped.',
          'I would check if marketing stopped a campaign.',
        ],
      },
      {
        text: 'Explain how you would analyse an A/B test where the result is barely significant.',
        criteria: 'Power, multiple comparisons, practical significance, guardrail metrics.',
        score1: 'Ships any p below 0.05.',
        score5: 'Mentions sample size and practical effect.',
        weight: 9,
        answers: [
          'I would check the test ran for its planned duration and sample size, look at the confidence interval rather than the p-value, check guardrail metrics and sample-ratio mismatch, and only ship if the lower bound is still worth the cost.',
          'I would check the sample size was big enough and maybe run it longer.',
          'If p is under 0.05 we ship it.',
        ],
      },
      {
        text: 'Write out, in words, a SQL query for the seven-day retention of each weekly sign-up cohort.',
        criteria: 'Cohort definition, joins, date arithmetic, handling of users with no activity.',
        score1: 'Cannot structure the query.',
        score5: 'Correct cohort and join, minor date issues.',
        weight: 7,
        answers: [
          'Build a cohort CTE with each user and the week of their sign-up, left join activity on user id where the activity date is between sign-up plus one and plus seven days, then group by cohort week counting distinct active users over distinct users.',
          'Group users by sign-up week and join to the activity table, then count who was active in the first week.',
          'Select count star from users group by week.',
        ],
      },
    ],
    highlights: ['Hypothesis-driven analysis', 'Solid statistical intuition', 'Clear SQL reasoning', 'Checks data quality first'],
    lowlights: ['Little experience with causal inference', 'Dashboarding tools knowledge is shallow', 'Rambled on the cohort question'],
    tags: ['sql', 'experimentation', 'analytics', 'dbt'],
    form: [
      { text: 'Are you legally authorized to work in the United States?', type: 'multiple-choice', knockout: true, expected: 'yes', answers: ['yes', 'no'] },
      { text: 'How many years of SQL experience do you have?', type: 'number', knockout: false, expected: null, answers: ['4', '1'] },
      { text: 'Which BI tools have you used?', type: 'textarea', knockout: false, expected: null, answers: ['Looker, Metabase', 'Excel'] },
    ],
  },
  {
    title: 'Warehouse Associate (Night Shift)',
    slug: 'warehouse-associate-night-shift',
    status: 'archived',
    createdDaysAgo: 85,
    closedDaysAgo: 50,
    candidates: 55,
    interviewerName: 'Sarah',
    workflow: ['form', 'web_interview', 'conversational_sms'],
    video: false,
    cheatDetection: false,
    description: 'Night-shift associates for our Reno fulfilment centre: picking, packing and forklift support. 10pm-6:30am, four nights a week.',
    questions: [
      {
        text: 'Hi, thanks for joining. Could you tell me about your most recent job?',
        criteria: 'Warm-up question; not scored.',
        score1: 'n/a',
        score5: 'n/a',
        weight: 1,
        notScored: true,
        answers: [
          'I worked two years at a parcel sorting centre, mostly on the night shift, and I trained new people on the scanners.',
          'I was working in a supermarket stocking shelves.',
          'I have not worked for a while.',
        ],
      },
      {
        text: 'Tell me about a time you had to keep a fast pace without cutting corners on safety.',
        criteria: 'Safety awareness, reliability under time pressure.',
        score1: 'Dismisses safety.',
        score5: 'Gives an example that mentions safety.',
        weight: 9,
        answers: [
          'During peak season we had double the volume. I still did my forklift checks at the start of each shift and called a stop once when a pallet was badly wrapped, even though it slowed us down for a few minutes.',
          'At the supermarket we had to restock quickly before opening and I always used the step ladder properly.',
          "I just work fast, safety is the supervisor's job.",
        ],
      },
      {
        text: 'How do you stay alert and reliable working nights?',
        criteria: 'Realistic routine, attendance track record.',
        score1: 'No plan.',
        score5: 'Some routine for sleep and attendance.',
        weight: 6,
        answers: [
          'I keep the same sleep schedule on my days off, I have blackout curtains, and in two years of nights I missed one shift, with notice.',
          'I drink coffee and try to sleep in the day.',
          'I am not sure, I have never worked nights.',
        ],
      },
    ],
    highlights: ['Safety-first mindset', 'Prior night-shift experience', 'Reliable attendance record', 'Forklift certified'],
    lowlights: ['No forklift certification yet', 'Limited availability on weekends', 'Short answers'],
    tags: ['warehouse', 'night-shift', 'forklift', 'safety'],
    form: [
      { text: 'Are you at least 18 years old?', type: 'multiple-choice', knockout: true, expected: 'yes', answers: ['yes', 'no'] },
      { text: 'Can you lift up to 50 lbs repeatedly?', type: 'multiple-choice', knockout: true, expected: 'yes', answers: ['yes', 'no'] },
      { text: 'Do you hold a forklift certification?', type: 'multiple-choice', knockout: false, expected: null, answers: ['yes', 'no'] },
    ],
    sms: [
      {
        ask: 'The shift is 10pm-6:30am, four nights a week. Does that work for you?',
        yes: 'Yes that works',
        no: 'I can only do weekends sorry',
        dealbreaker: true,
      },
      { ask: 'Do you have reliable transport to the Reno site?', yes: 'Yes I drive', no: 'I would take the bus, is there one at night?', dealbreaker: false },
    ],
  },
];

/** Pool indices HeyMilo's own candidates come from (inclusive). */
export const HEYMILO_POOL_RANGE = { from: 260, to: 499 } as const;

const STEP_CODE: Record<StepType, string> = { web_interview: 'vi', resume: 'rs', form: 'fm', conversational_sms: 'sms' };

/** With `extraInterviews` 0 the data set is exactly as described above. */
export function createHeymiloDataset(seed = 2026, extraInterviews = 0): HeymiloDataset {
  const random = new SeededRandom(seed);
  const people = createPeople();
  const candidateIds = new Map<number, string>();
  const candidateIdOf = (person: Person) => {
    let id = candidateIds.get(person.index);
    if (!id) {
      id = `cand_${random.id(12)}`;
      candidateIds.set(person.index, id);
    }
    return id;
  };

  // Staffed postings (the draft has nobody) get the shared people first.
  const staffed = POSTINGS.map((spec, i) => ({ spec, i })).filter(({ spec }) => spec.candidates > 0);
  const sharedByPosting = new Map<number, Array<{ person: Person; variant: number }>>();
  for (let p = 0; p < SHARED_PEOPLE_COUNT; p += 1) {
    const homes = [p % staffed.length, ...(p < staffed.length ? [(p + 1) % staffed.length] : [])];
    homes.forEach((home, appearance) => {
      const key = staffed[home].i;
      const list = sharedByPosting.get(key) ?? [];
      list.push({ person: people[p], variant: p + appearance });
      sharedByPosting.set(key, list);
    });
  }

  // HeyMilo's slice of the pool, shuffled: dealt to postings so most people appear once.
  const deck = Array.from({ length: HEYMILO_POOL_RANGE.to - HEYMILO_POOL_RANGE.from + 1 }, (_, i) => HEYMILO_POOL_RANGE.from + i);
  for (let i = deck.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [deck[i], deck[j]] = [deck[j], deck[i]];
  }

  const postings: HeymiloPostingRecord[] = POSTINGS.map((spec, index) => {
    const postingId = `pst_${random.id(10)}`;
    const posting = buildPosting(spec, postingId, random);
    const chosen = choosePeople(spec, sharedByPosting.get(index) ?? [], people, deck, random);
    const statuses = assignStatuses(chosen.length, random);
    const interviews = chosen.map(({ person, variant }, i) => buildInterview(spec, posting, person, variant, statuses[i], candidateIdOf(person), random));
    interviews.sort(newestFirst);
    return { posting, interviews };
  });
  const extra = extraCount(extraInterviews);
  if (extra > 0) addExtraInterviews(seed, extra, postings);

  const interviews = postings.flatMap((p) => p.interviews);
  const postingIndex = new Map(postings.map((p) => [p.posting.id, p]));
  const interviewIndex = new Map(interviews.map((i) => [i.interviewId, i]));
  const emailKey = (email: string) => email.trim().toLowerCase();
  const byEmail = new Map<string, HeymiloInterviewRecord>();
  for (const record of interviews) if (!byEmail.has(emailKey(record.candidate.email))) byEmail.set(emailKey(record.candidate.email), record);
  // Built apart from `random`, so adding templates left every seeded id as it was.
  const interviewTemplates = TEMPLATE_BLUEPRINTS.map((slug) => buildInterviewTemplate(postings, slug, seed));
  const templateIndex = new Map(interviewTemplates.map((t) => [t.id, t]));
  return {
    postings,
    interviews,
    posting: (id) => postingIndex.get(id),
    interview: (id) => interviewIndex.get(id),
    interviewTemplates,
    interviewTemplate: (id) => templateIndex.get(id),
    addPosting(posting) {
      const record: HeymiloPostingRecord = { posting, interviews: [] };
      postings.unshift(record);
      postingIndex.set(posting.id, record);
      return record;
    },
    addInterview(record) {
      const home = postingIndex.get(record.postingId);
      if (!home) throw new Error(`HeyMilo simulator: no posting ${record.postingId}`);
      home.interviews.unshift(record);
      interviewIndex.set(record.interviewId, record);
      if (!byEmail.has(emailKey(record.candidate.email))) byEmail.set(emailKey(record.candidate.email), record);
      // `interviews` keeps walk order (postings, then each posting's candidates): rebuilt in place.
      interviews.splice(0, interviews.length, ...postings.flatMap((p) => p.interviews));
    },
    interviewByEmail: (email) => byEmail.get(emailKey(email)),
  };
}

/** A posting's candidates are listed newest first, ties by interview id. */
function newestFirst(a: HeymiloInterviewRecord, b: HeymiloInterviewRecord): number {
  return b.createdAt - a.createdAt || a.interviewId.localeCompare(b.interviewId);
}

/** Status words of large seeding's extra interviews: ~40 % finished with a score, the rest mostly not started or under way. */
const EXTRA_STATUS_WEIGHTS: ReadonlyArray<readonly [HeymiloStatusWord, number]> = [
  ['pending', 34],
  ['in_progress', 12],
  ['evaluating', 6],
  ['completed', 22],
  ['shortlisted', 9],
  ['dismissed', 9],
  ['knocked_out', 8],
];

/** Lean and from their own generator, so the documented rows are untouched. */
function addExtraInterviews(seed: number, count: number, postings: HeymiloPostingRecord[]): void {
  const random = extraRandom(seed);
  const pickPerson = syntheticPeoplePicker(random, SYNTHETIC_REGIONS.heymilo, count);
  // `postings` is still in POSTINGS order here.
  const staffed = POSTINGS.map((spec, i) => ({ spec, record: postings[i] })).filter(({ spec }) => spec.candidates > 0);
  const byWindow = staffed.map((entry) => [entry, Math.max(1, entry.spec.createdDaysAgo - entry.spec.closedDaysAgo)] as const);
  const candidateIds = new Map<number, string>();
  for (let i = 0; i < count; i += 1) {
    const { spec, record } = weighted(random, byWindow);
    const person = pickPerson();
    let candidateId = candidateIds.get(person.index);
    if (!candidateId) {
      candidateId = `cand_${random.id(12)}`;
      candidateIds.set(person.index, candidateId);
    }
    record.interviews.push(buildInterview(spec, record.posting, person, null, weighted(random, EXTRA_STATUS_WEIGHTS), candidateId, random, true));
  }
  for (const { record } of staffed) record.interviews.sort(newestFirst);
}

/* ------------------------------------------------------------------------- interview templates */

/** Slugs of the postings the seeded interview templates capture. */
const TEMPLATE_BLUEPRINTS = ['senior-backend-engineer-go', 'customer-success-manager'] as const;

function buildInterviewTemplate(postings: readonly HeymiloPostingRecord[], slug: string, seed: number): SimInterviewTemplate {
  const blueprint = postings.find((p) => p.posting.name === slug)?.posting;
  if (!blueprint) throw new Error(`HeyMilo data set: no blueprint posting ${slug}`);
  const created = (blueprint.created_at ?? EPOCH) - 2 * DAY;
  return {
    object: 'interview_template',
    id: `IT_${createHash('sha256').update(`${seed}:${slug}`).digest('hex').slice(0, 8)}`,
    template_code: `${slug.slice(0, 23)}-template`,
    name: `${blueprint.title} Template`,
    description: `Standard interview for the ${blueprint.title} role.`,
    posting_id: blueprint.id,
    is_default: slug === TEMPLATE_BLUEPRINTS[0],
    created_at: created,
    updated_at: created,
  };
}

/* ------------------------------------------------------------------------- postings */

function buildPosting(spec: PostingSpec, id: string, random: SeededRandom): SimPosting {
  const createdAt = EPOCH - spec.createdDaysAgo * DAY - random.int(0, 8 * HOUR);
  const updatedAt = spec.closedDaysAgo > 0 ? EPOCH - spec.closedDaysAgo * DAY : createdAt + random.int(1, 48) * HOUR;
  return {
    object: 'posting',
    id,
    company_id: 'comp_acme01',
    title: spec.title,
    name: spec.slug,
    description: spec.description,
    language: 'en',
    interviewer_name: spec.interviewerName,
    status: spec.status,
    finalized: spec.status !== 'draft',
    archived: spec.status === 'archived',
    test_posting: false,
    workflow: spec.workflow.map((type, i) => ({
      id: `agent_${STEP_CODE[type]}_${String(i + 1).padStart(3, '0')}`,
      type,
      order: i + 1,
      config: type === 'web_interview' ? { video_enabled: spec.video, cheat_detection: spec.cheatDetection, question_count: spec.questions.length } : {},
    })),
    urls: {
      candidate_url: `https://candidates.heymilo.io/acme/${spec.slug}`,
      ingestion_url_key: random.id(45, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      review_url: `https://admin.heymilo.ai/w/ACME01/lab2/${id}/1-details`,
    },
    deadline: spec.status === 'expired' ? EPOCH - spec.closedDaysAgo * DAY : null,
    redirect_url: 'https://acme.example.com/careers/thank-you',
    scheduling_url: spec.status === 'active' ? 'https://cal.example.com/acme/interview' : null,
    max_retakes: 1,
    allow_sms_comms: spec.workflow.includes('conversational_sms'),
    instructions: null,
    company_overview: 'Acme Payments builds billing and ledger infrastructure for mid-market merchants.',
    job_overview: spec.description,
    interview_process_overview: null,
    company_overview_delivery_mode: 'summarized_delivery',
    job_overview_delivery_mode: 'summarized_delivery',
    interview_process_overview_delivery_mode: null,
    phone_number_id: null,
    sender_email_id: null,
    email_template_group_id: null,
    design_template_group_id: null,
    retake_cooldown_days: 30,
    email_report_to_candidate: false,
    ats_metadata: null,
    metadata: { external_id: `req_${random.id(6)}`, source: 'greenhouse' },
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

function choosePeople(
  spec: PostingSpec,
  shared: Array<{ person: Person; variant: number }>,
  people: Person[],
  deck: number[],
  random: SeededRandom,
): Array<{ person: Person; variant: number | null }> {
  if (spec.candidates === 0) return [];
  const chosen: Array<{ person: Person; variant: number | null }> = shared.map((s) => ({ ...s }));
  const used = new Set(chosen.map((c) => c.person.index));
  while (chosen.length < spec.candidates) {
    // Mostly dealt from HeyMilo's own slice of the pool (260–499, each person once), which the
    // other simulators leave alone; now and then someone from micro1's slice (12–259), who is
    // then a candidate at both vendors.
    const fromDeck = deck.length > 0 && random.chance(0.95);
    const index = fromDeck ? (deck.pop() as number) : random.int(SHARED_PEOPLE_COUNT, HEYMILO_POOL_RANGE.from - 1);
    if (used.has(index)) continue;
    used.add(index);
    chosen.push({ person: people[index], variant: null });
  }
  return chosen;
}

/** Every word at least once per posting, the rest weighted like a live pipeline. */
function assignStatuses(count: number, random: SeededRandom): HeymiloStatusWord[] {
  const weighted: Array<[HeymiloStatusWord, number]> = [
    ['pending', 14],
    ['in_progress', 8],
    ['evaluating', 6],
    ['completed', 30],
    ['shortlisted', 16],
    ['dismissed', 16],
    ['knocked_out', 10],
  ];
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  const out: HeymiloStatusWord[] = [...HEYMILO_STATUS_WORDS].slice(0, Math.min(count, HEYMILO_STATUS_WORDS.length));
  while (out.length < count) {
    let roll = random.next() * total;
    for (const [word, weight] of weighted) {
      roll -= weight;
      if (roll < 0) {
        out.push(word);
        break;
      }
    }
    if (roll >= 0) out.push('completed');
  }
  // Shuffle (Fisher–Yates) so statuses are not correlated with people or creation order.
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/* ------------------------------------------------------------------------- interviews */

interface StepTimeline {
  type: StepType;
  start: number;
  end: number;
}

function buildInterview(
  spec: PostingSpec,
  posting: SimPosting,
  person: Person,
  variant: number | null,
  status: HeymiloStatusWord,
  candidateId: string,
  random: SeededRandom,
  lean = false,
): HeymiloInterviewRecord {
  const interviewId = `int_${random.id(16)}`;
  const postingCreated = posting.created_at ?? EPOCH - 90 * DAY;
  const windowEnd = EPOCH - Math.max(spec.closedDaysAgo * DAY, HOUR);
  // Anyone who started needs room (the steps span at most ~3 days) before DATA_EPOCH.
  const latest = status === 'pending' ? windowEnd : Math.min(windowEnd, EPOCH - 5 * DAY);
  const createdAt = random.int(postingCreated + HOUR, Math.max(postingCreated + HOUR, latest));

  // Where the workflow stops: knocked-out candidates fail at the first screening step (form or
  // resume) when the posting has one, otherwise on a knockout question of the web interview.
  const steps = spec.workflow;
  const knockIndex =
    status === 'knocked_out'
      ? Math.max(
          0,
          steps.findIndex((s) => s === 'form' || s === 'resume'),
        )
      : -1;
  const doneCount =
    status === 'pending' ? 0 : status === 'in_progress' ? random.int(0, steps.length - 1) : status === 'knocked_out' ? knockIndex + 1 : steps.length;

  const timeline: StepTimeline[] = [];
  let clock = createdAt;
  for (let i = 0; i < doneCount + (status === 'in_progress' ? 1 : 0) && i < steps.length; i += 1) {
    const type = steps[i];
    const { gap, duration } = stepTiming(type, random);
    const start = clock + gap;
    timeline.push({ type, start, end: start + duration });
    clock = start + duration;
  }
  // An in-progress candidate's current step has started but not ended.
  const workflowSteps: SimWorkflowStep[] = steps.map((type, i) => {
    const t = timeline[i];
    const knocked = i === knockIndex;
    const completed = t !== undefined && i < doneCount;
    return {
      step_id: `agent_${STEP_CODE[type]}_${String(i + 1).padStart(3, '0')}`,
      order: i + 1,
      status: knocked ? 'knocked_out' : completed ? 'completed' : t ? 'in_progress' : 'not_started',
      started: t !== undefined,
      completed,
      knocked_out: knocked,
      last_updated_at: t ? (completed ? t.end : t.start) : null,
    };
  });
  const lastActivity = timeline.length > 0 ? Math.max(...workflowSteps.map((s) => s.last_updated_at ?? 0)) : null;
  const allComplete = doneCount === steps.length && status !== 'in_progress';
  const workflow = { steps: workflowSteps, all_complete: allComplete, last_activity_at: lastActivity };

  const ready = !(HEYMILO_UNFINISHED_WORDS as readonly string[]).includes(status);
  const ability = status === 'shortlisted' ? 0.75 + random.next() * 0.25 : status === 'dismissed' ? random.next() * 0.45 : random.next();
  const name = `${person.firstName} ${person.lastName}`;
  const email = variant === null ? person.email : varyEmail(person.email, variant);

  const webStep = timeline.find((t) => t.type === 'web_interview' && steps.indexOf('web_interview') < doneCount);
  const results = ready ? buildResults(spec, interviewId, status, ability, timeline, knockIndex, webStep, random, lean) : null;

  const interviewedAt = webStep && (ready || status === 'evaluating') ? webStep.end : null;
  const metadata = random.chance(0.6) ? { external_id: `gh_${random.id(8)}` } : null;
  const extra = random.chance(0.3) ? { source: random.pick(['LinkedIn', 'Referral', 'Indeed', 'Careers page']) } : null;

  const candidate: SimCandidate = {
    object: 'candidate',
    interview_id: interviewId,
    candidate_id: candidateId,
    posting_id: posting.id,
    name,
    email,
    score: results?.score ?? null,
    status,
    interview_url: `https://candidates.heymilo.io/acme/i/${interviewId}`,
    workflow,
    agent_summary: results ? results.summary : null,
    shortlisted: status === 'shortlisted',
    dismissed: status === 'dismissed',
    metadata,
    data: extra,
    interviewed_at: interviewedAt,
    created_at: createdAt,
  };

  const data: SimInterviewData = {
    object: 'interview_data',
    interview_id: interviewId,
    candidate_id: candidateId,
    posting_id: posting.id,
    name,
    email,
    score: results?.score ?? null,
    status: ready ? status : 'not_ready',
    workflow,
    web_interview: results?.webInterview ?? null,
    resume: results?.resume ?? null,
    sms: results?.sms ?? null,
    form: results?.form ?? null,
    // Omitted (not null) when the posting has no cheat detection, like the documented example.
    ...(spec.cheatDetection && ready ? { cheat_detection: results?.cheatDetection ?? null } : {}),
    metadata,
    data: extra,
  };

  return {
    interviewId,
    postingId: posting.id,
    candidateId,
    personIndex: person.index,
    status,
    ready,
    createdAt,
    candidate,
    data,
    has: {
      webInterview: Boolean(data.web_interview),
      video: Boolean(data.web_interview?.video_recording_url),
      sms: Boolean(data.sms),
      resume: Boolean(data.resume),
      form: Boolean(data.form),
      cheatDetection: Boolean(data.cheat_detection),
    },
  };
}

/** How long before a step the candidate waits, and how long the step takes (seconds). */
function stepTiming(type: StepType, random: SeededRandom): { gap: number; duration: number } {
  const gap =
    type === 'resume'
      ? random.int(20, 90)
      : type === 'form'
        ? random.int(HOUR, 30 * HOUR)
        : type === 'web_interview'
          ? random.int(10 * MINUTE, 40 * HOUR)
          : random.int(MINUTE, 10 * MINUTE);
  const duration =
    type === 'resume'
      ? random.int(15, 45)
      : type === 'form'
        ? random.int(3 * MINUTE, 8 * MINUTE)
        : type === 'web_interview'
          ? random.int(12 * MINUTE, 30 * MINUTE)
          : random.int(10 * MINUTE, 60 * MINUTE);
  return { gap, duration };
}

/* ------------------------------------------------------------------------- live changes (webhook demos) */

/** Planned up front so its phases agree. Times are Unix seconds. */
export interface HeymiloCompletion {
  /** When the first workflow step started. */
  readonly startedAt: number;
  /** When the last workflow step ended (the candidate finished). */
  readonly finishedAt: number;
  /** When the evaluation was done (report available). */
  readonly evaluatedAt: number;
  /** `in_progress`: the first step has started; `/data` not ready. */
  markStarted(): void;
  /** `evaluating`: every step done, score pending; `/data` still not ready. */
  markFinished(): void;
  /** `completed`: evaluated, with results; `/data` ready. */
  markEvaluated(): void;
}

/**
 * An `evaluating` interview keeps the steps it already finished; the evaluation ends 1–5 minutes
 * after the last step ("seconds to minutes", REFERENCE.md §2.3).
 */
export function planHeymiloCompletion(dataset: HeymiloDataset, interviewId: string, finishedAt: number): HeymiloCompletion {
  const record = dataset.interview(interviewId);
  if (!record) throw new Error(`no HeyMilo interview ${interviewId} in the data set`);
  if (!HEYMILO_UNFINISHED_WORDS.includes(record.status)) throw new Error(`HeyMilo interview ${interviewId} is already ${record.status}`);
  const postingRecord = dataset.posting(record.postingId);
  const spec = POSTINGS.find((p) => p.slug === postingRecord?.posting.name);
  if (!spec) throw new Error(`no posting spec for HeyMilo interview ${interviewId}`);
  const random = new SeededRandom(seedOf(`${interviewId}@${finishedAt}`));

  const timeline: StepTimeline[] = [];
  const done = record.candidate.workflow?.steps ?? [];
  if (record.status === 'evaluating' && done.length === spec.workflow.length && done.every((step) => step.last_updated_at != null)) {
    // Already finished: keep its steps (their ends are known; starts are not dated, so ends - 10 min).
    spec.workflow.forEach((type, i) => {
      const end = done[i].last_updated_at as number;
      timeline.push({ type, start: end - 10 * MINUTE, end });
    });
  } else {
    const timings = spec.workflow.map((type) => ({ type, ...stepTiming(type, random) }));
    const total = timings.reduce((sum, t) => sum + t.gap + t.duration, 0);
    let clock = Math.max(finishedAt, record.createdAt + total + MINUTE) - total;
    for (const { type, gap, duration } of timings) {
      const start = clock + gap;
      timeline.push({ type, start, end: start + duration });
      clock = start + duration;
    }
  }
  const first = timeline[0];
  const last = timeline[timeline.length - 1];
  const webStep = timeline.find((t) => t.type === 'web_interview');
  const results = buildResults(spec, interviewId, 'completed', random.next(), timeline, -1, webStep, random);
  const evaluatedAt = last.end + random.int(MINUTE, 5 * MINUTE);

  const stepsAt = (phase: 'started' | 'finished') =>
    spec.workflow.map((type, i): SimWorkflowStep => {
      const running = phase === 'started' && i === 0;
      const completed = phase === 'finished';
      return {
        step_id: `agent_${STEP_CODE[type]}_${String(i + 1).padStart(3, '0')}`,
        order: i + 1,
        status: completed ? 'completed' : running ? 'in_progress' : 'not_started',
        started: completed || running,
        completed,
        knocked_out: false,
        last_updated_at: completed ? timeline[i].end : running ? timeline[i].start : null,
      };
    });

  const apply = (status: HeymiloStatusWord, phase: 'started' | 'finished', evaluated: boolean) => {
    const workflow = { steps: stepsAt(phase), all_complete: phase === 'finished', last_activity_at: phase === 'finished' ? last.end : first.start };
    const ready = evaluated;
    const interviewedAt = phase === 'finished' && webStep ? webStep.end : null;
    const score = ready ? results.score : null;
    record.status = status;
    record.ready = ready;
    record.candidate = {
      ...record.candidate,
      score,
      status,
      workflow,
      agent_summary: ready ? results.summary : null,
      shortlisted: false,
      dismissed: false,
      interviewed_at: interviewedAt,
    };
    const previous = record.data;
    record.data = {
      object: 'interview_data',
      interview_id: previous.interview_id,
      candidate_id: previous.candidate_id,
      posting_id: previous.posting_id,
      name: previous.name,
      email: previous.email,
      score,
      status: ready ? status : 'not_ready',
      workflow,
      web_interview: ready ? results.webInterview : null,
      resume: ready ? results.resume : null,
      sms: ready ? results.sms : null,
      form: ready ? results.form : null,
      ...(spec.cheatDetection && ready ? { cheat_detection: results.cheatDetection } : {}),
      metadata: previous.metadata,
      data: previous.data,
    };
    record.has = {
      webInterview: Boolean(record.data.web_interview),
      video: Boolean(record.data.web_interview?.video_recording_url),
      sms: Boolean(record.data.sms),
      resume: Boolean(record.data.resume),
      form: Boolean(record.data.form),
      cheatDetection: Boolean(record.data.cheat_detection),
    };
  };

  return {
    startedAt: first.start,
    finishedAt: last.end,
    evaluatedAt,
    markStarted: () => apply('in_progress', 'started', false),
    markFinished: () => apply('evaluating', 'finished', false),
    markEvaluated: () => apply('completed', 'finished', true),
  };
}

interface Results {
  score: number | null;
  webInterview: Spec['WebInterviewResult'] | null;
  resume: Spec['ResumeResult'] | null;
  sms: Spec['SMSResult'] | null;
  form: Spec['FormResult'] | null;
  cheatDetection: Spec['CheatDetection'] | null;
  summary: Spec['AgentSummary'];
}

function buildResults(
  spec: PostingSpec,
  interviewId: string,
  status: HeymiloStatusWord,
  ability: number,
  timeline: StepTimeline[],
  knockIndex: number,
  webStep: StepTimeline | undefined,
  random: SeededRandom,
  lean = false,
): Results {
  const knockType = knockIndex >= 0 ? spec.workflow[knockIndex] : null;
  const ran = (type: StepType) => timeline.some((t) => t.type === type);

  const form = ran('form') && spec.form ? buildForm(spec, interviewId, knockType === 'form', random) : null;
  const resume = ran('resume') && spec.resumeCriteria ? buildResume(spec, interviewId, ability, knockType === 'resume', random) : null;
  const webInterview = webStep ? buildWebInterview(spec, interviewId, ability, status === 'knocked_out', random, lean) : null;
  const smsStep = timeline.find((t) => t.type === 'conversational_sms');
  const sms = smsStep && spec.sms && knockType !== 'conversational_sms' ? buildSms(spec, interviewId, ability, smsStep, random, lean) : null;
  const cheatDetection = spec.cheatDetection ? buildCheatDetection(webInterview !== null, random) : null;

  let score: number | null = null;
  if (webInterview && resume?.overall_score != null) score = round1(0.75 * webInterview.match_score + 0.25 * resume.overall_score);
  else if (webInterview) score = webInterview.match_score;
  else if (resume?.overall_score != null) score = resume.overall_score;

  const summary: Spec['AgentSummary'] = {
    web_interview: webInterview
      ? {
          score: webInterview.match_score,
          highlights: webInterview.highlights,
          audio_recording_link: webInterview.audio_recording_url,
          video_recording_link: webInterview.video_recording_url,
        }
      : null,
    resume: resume ? { resume_score: round1((resume.overall_score ?? 0) / 20), is_eligible: resume.is_eligible, resume_link: resume.resume_url } : null,
    sms: sms
      ? {
          is_eligible: sms.is_eligible,
          criteria_passed: (sms.criteria ?? []).filter((c) => c.passed).map((c) => c.criteria_text),
          criteria_failed: (sms.criteria ?? []).filter((c) => !c.passed).map((c) => c.criteria_text),
          messages_sent: sms.messages_sent,
        }
      : null,
    form: form
      ? {
          is_complete: true,
          is_eligible: form.overall_status === 'passed',
          questions_answered: form.questions?.length ?? 0,
          total_questions: form.questions?.length ?? 0,
        }
      : null,
  };
  return { score, webInterview, resume, sms, form, cheatDetection, summary };
}

/** `lean`: the scorecard still scores every question; only the first carries turns. */
function buildWebInterview(
  spec: PostingSpec,
  interviewId: string,
  ability: number,
  knockedOut: boolean,
  random: SeededRandom,
  lean = false,
): Spec['WebInterviewResult'] {
  let clock = 0;
  const at = () => {
    const t = round1(clock);
    return { timestamp: t, timestamp_str: mmss(t) };
  };
  const turn = (speaker: 'Interviewer' | 'Candidate' | 'System', text: string, seconds: number): SimTranscriptEntry => {
    const entry = { speaker, text, ...at() };
    clock += seconds;
    return entry;
  };

  const transcript: SimTranscriptEntry[] = [];
  if (!lean) {
    transcript.push(
      turn('System', 'Interview started.', 0.4),
      turn(
        'Interviewer',
        `Hi, I'm ${spec.interviewerName}, the AI interviewer for the ${spec.title} role. This will take about twenty minutes. Ready to begin?`,
        7.5 + random.next() * 2,
      ),
      turn('Candidate', random.pick(['Yes, ready.', "Sure, let's go.", 'Yes, hi!']), 2 + random.next() * 2),
    );
  }
  // Knocked out mid-interview: the last question is cut short (only the first questions are asked).
  const asked = knockedOut ? spec.questions.slice(0, Math.max(1, spec.questions.length - 1)) : spec.questions;
  const scorecard: SimScorecardQuestion[] = asked.map((q, i) => {
    const raw = clamp(Math.round(1 + ability * 9 + (random.next() - 0.5) * 3), 1, 10);
    const band = raw >= 8 ? 0 : raw >= 5 ? 1 : 2;
    const own: SimTranscriptEntry[] = [];
    if (!lean || i === 0) {
      own.push(turn('Interviewer', q.text, 5 + random.next() * 4), turn('Candidate', q.answers[band], 20 + random.next() * 60));
    }
    if (!lean && random.chance(0.4)) {
      own.push(turn('Interviewer', 'Could you give me a specific example of that?', 3 + random.next() * 2));
      own.push(
        turn(
          'Candidate',
          random.pick([
            'Sure. In my last role that happened almost every quarter, and the approach I described is what we settled on.',
            'Let me think... I do not have a precise example, but that is how I would do it.',
            'Yes, the clearest case was last year, I can go into detail if useful.',
          ]),
          15 + random.next() * 30,
        ),
      );
    }
    transcript.push(...own);
    return {
      question_id: `vq_${slugId(spec.slug, i)}`,
      question_text: q.text,
      score: raw,
      score_weight: q.weight,
      evaluation_summary:
        band === 0 ? 'Strong, specific answer that meets the criteria.' : band === 1 ? 'Reasonable answer with some gaps.' : 'Weak answer; key points missing.',
      evaluation_criteria: q.criteria,
      score_1_description: q.score1,
      score_5_description: q.score5,
      not_scored: q.notScored === true,
      rank: i + 1,
      transcript: own,
    };
  });
  if (!lean && random.chance(0.15)) transcript.push(turn('System', 'Candidate reconnected after a network interruption.', 1));
  transcript.push(turn('Interviewer', 'That is all my questions. Thank you for your time, the team will be in touch.', 4));

  const scored = scorecard.filter((q) => !q.not_scored);
  const weightSum = scored.reduce((sum, q) => sum + (q.score_weight ?? 1), 0) || 1;
  const weighted = scored.reduce((sum, q) => sum + ((q.score - 1) / 9) * (q.score_weight ?? 1), 0) / weightSum;
  const highlights = pickSome(spec.highlights, 2, 3, random);
  const lowlights = pickSome(spec.lowlights, 1, 2, random);

  return {
    object: 'web_interview_result',
    interview_id: interviewId,
    match_score: Math.round(weighted * 100),
    highlights,
    lowlights,
    scorecard,
    speech_score: round1(clamp(2 + ability * 3 + (random.next() - 0.5), 0, 5)),
    transcript,
    audio_recording_url: `https://cdn.heymilo.io/recordings/${interviewId}/audio.mp3`,
    video_recording_url: spec.video ? `https://cdn.heymilo.io/recordings/${interviewId}/video.mp4` : null,
    tags: pickSome(spec.tags, 1, 3, random),
  };
}

function buildResume(spec: PostingSpec, interviewId: string, ability: number, knockedOut: boolean, random: SeededRandom): Spec['ResumeResult'] {
  const score_criteria = (spec.resumeCriteria ?? []).map((text, i) => ({
    criteria_id: `rsc_${slugId(spec.slug, i)}`,
    criteria_text: text,
    score: round1(clamp(ability * 10 + (random.next() - 0.5) * 3, 0, 10)),
    confidence: round2(0.7 + random.next() * 0.3),
    reasons: [random.pick(['Clearly stated in recent roles.', 'Mentioned briefly without detail.', 'Not evidenced in the resume.'])],
  }));
  const eligibility_criteria = (spec.eligibility ?? []).map((text, i) => ({
    criteria_id: `rec_${slugId(spec.slug, i)}`,
    criteria_text: text,
    passed: !(knockedOut && i === 0),
    confidence: round2(0.8 + random.next() * 0.2),
    reasons: [knockedOut && i === 0 ? 'Resume states the candidate requires visa sponsorship.' : 'Stated in the resume.'],
  }));
  const overall = score_criteria.length > 0 ? round1((score_criteria.reduce((s, c) => s + c.score, 0) / score_criteria.length) * 10) : null;
  return {
    object: 'resume_result',
    interview_id: interviewId,
    overall_score: overall,
    is_eligible: !knockedOut,
    score_criteria,
    eligibility_criteria,
    resume_url: `https://cdn.heymilo.io/resumes/${interviewId}.pdf`,
  };
}

function buildForm(spec: PostingSpec, interviewId: string, knockedOut: boolean, random: SeededRandom): Spec['FormResult'] {
  // A knocked-out candidate fails exactly one knockout question.
  const knockouts = (spec.form ?? []).map((q, i) => (q.knockout ? i : -1)).filter((i) => i >= 0);
  const failing = knockedOut ? random.pick(knockouts) : -1;
  return {
    object: 'form_result',
    interview_id: interviewId,
    overall_status: knockedOut ? 'failed' : 'passed',
    questions: (spec.form ?? []).map((q, i) => {
      const answer = i === failing ? q.answers[1] : q.knockout ? q.answers[0] : random.pick(q.answers);
      return {
        question_id: `fq_${slugId(spec.slug, i)}`,
        question_text: q.text,
        question_type: q.type,
        is_knockout: q.knockout,
        passed: q.expected === null ? true : answer === q.expected,
        candidate_answer: answer,
        expected_answer: q.expected,
      };
    }),
  };
}

/** `lean` (large seeding): the conversation is only the greeting, the reply and the closing (the criteria are still judged). */
function buildSms(spec: PostingSpec, interviewId: string, ability: number, step: StepTimeline, random: SeededRandom, lean = false): Spec['SMSResult'] {
  const questions = spec.sms ?? [];
  let clock = step.start;
  const transcript: Spec['SMSMessage'][] = [];
  const say = (role: 'agent' | 'candidate', text: string, wait: number) => {
    transcript.push({ role, text, timestamp: clock });
    clock = Math.min(step.end, clock + wait);
  };
  say(
    'agent',
    `Hi! This is ${spec.interviewerName} from Acme about the ${spec.title} role. A few quick questions by text, is now a good time?`,
    random.int(30, 300),
  );
  say('candidate', random.pick(['Yes sure', 'Hi, yes', 'ok go ahead']), random.int(5, 40));
  const criteria = questions.map((q, i) => {
    const passed = random.chance(0.5 + ability * 0.45);
    if (!lean) {
      say('agent', q.ask, random.int(20, 600));
      say('candidate', passed ? q.yes : q.no, random.int(5, 40));
    }
    return {
      criteria_id: `sms_${slugId(spec.slug, i)}`,
      criteria_text: q.ask,
      passed,
      confidence: round2(0.75 + random.next() * 0.25),
      is_dealbreaker: q.dealbreaker,
      reasons: [passed ? 'Candidate confirmed.' : 'Candidate answer does not meet the requirement.'],
    };
  });
  say('agent', 'Thanks, that is everything! The hiring team will follow up.', 0);
  return {
    object: 'sms_result',
    interview_id: interviewId,
    is_eligible: criteria.every((c) => c.passed || !c.is_dealbreaker),
    confidence: round2(0.8 + random.next() * 0.2),
    criteria,
    transcript,
    messages_sent: transcript.filter((m) => m.role === 'agent').length,
    messages_received: transcript.filter((m) => m.role === 'candidate').length,
  };
}

function buildCheatDetection(hadWebInterview: boolean, random: SeededRandom): Spec['CheatDetection'] {
  const base = { object: 'cheat_detection' as const, enabled: true, threshold: 70, types: ['tab_switching', 'ai_scripted_answer', 'unusual_delays'] };
  if (!hadWebInterview) return { ...base, overall_confidence: null, overall_ranking: null, web_interview: null, resume: null };
  // Mostly clean; a tail of suspicious sessions.
  const roll = random.next();
  const ranking = roll < 0.55 ? 1 : roll < 0.8 ? 2 : roll < 0.9 ? 3 : roll < 0.96 ? 4 : 5;
  const tabSwitches = ranking === 1 ? 0 : random.int(ranking - 1, ranking * 3);
  return {
    ...base,
    overall_confidence: round2(0.5 + random.next() * 0.45),
    overall_ranking: ranking,
    web_interview: {
      cheat_detection_result: {
        cheating_detected: ranking >= 4,
        cheating_confidence: round2(ranking >= 4 ? 0.7 + random.next() * 0.3 : random.next() * 0.3),
        cheating_instances:
          ranking >= 4
            ? [
                {
                  reasoning: 'Answer closely matches AI-generated phrasing patterns.',
                  transcript_references: [{ user_friendly_timestamp: '02:14', text: 'In conclusion, the optimal strategy would be...', actual_timestamp: 134 }],
                },
              ]
            : [],
      },
      llm_detection_result: {
        llm_generated_detected: ranking >= 3,
        detection_confidence: round2(ranking >= 3 ? 0.6 + random.next() * 0.35 : random.next() * 0.35),
        llm_detected_segments:
          ranking >= 3
            ? [
                {
                  segment_text: 'There are several key considerations to keep in mind.',
                  segment_confidence: 0.77,
                  reasoning: 'Highly formulaic structure uncommon in speech.',
                },
              ]
            : [],
        gptzero_metrics: null,
      },
      unusual_delay_detection: {
        delay_detected: ranking >= 3 && random.chance(0.6),
        delay_confidence: round2(random.next()),
        unusual_delay_instances: [],
        overall_score: round2(random.next()),
        confidence_level: round2(0.5 + random.next() * 0.5),
      },
      tab_switch_detection: tabSwitches > 0 ? { total_count: tabSwitches, first_switch_timestamp: round1(30 + random.next() * 300) } : { total_count: 0 },
      interview_integrity: null,
      integrity_analysis_v2: null,
    },
    resume: null,
  };
}

/* ------------------------------------------------------------------------- helpers */

function pickSome(items: readonly string[], min: number, max: number, random: SeededRandom): string[] {
  const pool = [...items];
  const out: string[] = [];
  const n = Math.min(pool.length, random.int(min, max));
  while (out.length < n) out.push(pool.splice(random.int(0, pool.length - 1), 1)[0]);
  return out;
}

function slugId(slug: string, i: number): string {
  return `${slug.replace(/[^a-z]/g, '').slice(0, 6)}${i + 1}`;
}

function mmss(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
