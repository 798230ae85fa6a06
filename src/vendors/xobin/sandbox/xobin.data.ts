/**
 * The deterministic Xobin data set, shaped as seed 001 and REFERENCE.md §3 show it.
 * - 4 AI interviews (206, 211, 305, 318); 216 responses, 212 distinct people; each AI interview
 *   has all three `invite_status` words. People 0–3 are also in the next AI interview, with the
 *   same `candidate_id` and a varied email.
 * - Ids are handed out in invite order across all AI interviews, so every invitee list has
 *   ascending response ids and new invites get higher ones.
 * - `score` is 0–100 here, though Xobin documents no scale; `integrity_score` 0–10; skill scores
 *   1–10. Recording URLs are stored unsigned; the simulator signs them per response.
 */
import { createHash } from 'node:crypto';
import { createPeople, DATA_EPOCH, type Person, SHARED_PEOPLE_COUNT, varyEmail } from '../../kit/sandbox/data/people';
import { SeededRandom, seedOf } from '../../kit/sandbox/data/random';
import { extraCount, extraRandom, syntheticPeoplePicker, SYNTHETIC_REGIONS, weighted } from '../../kit/sandbox/data/large-seed';

/** Every `invite_status` word Xobin documents. */
export const XOBIN_STATUS_WORDS = ['Pending', 'Started', 'Completed'] as const;
export type XobinStatusWord = (typeof XOBIN_STATUS_WORDS)[number];

/** Pool indices Xobin's own candidates come from (inclusive). */
export const XOBIN_POOL_RANGE = { from: 500, to: 699 } as const;

/** The default seed of the data set. */
export const XOBIN_DEFAULT_SEED = 2027;

/** First ids handed out (in invite order). */
export const FIRST_RESPONSE_ID = 6700;
export const FIRST_CANDIDATE_ID = 7000;

/** A conversation message as the report sends it. */
export interface SimMessage {
  content: string;
  mode: 'code' | 'default';
  role: 'user' | 'assistant';
  /** Unix epoch milliseconds. */
  timestamp: number;
}

export interface SimSkillScore {
  score: number;
  skill_name: string;
}

/** The report object WITHOUT `interview_recording` and `custom_field_id` (the simulator adds them per request). */
export interface SimReport {
  ai_interview_id: number;
  ai_interview_name: string;
  candidate_email: string;
  candidate_id: number;
  candidate_name: string;
  candidate_summary?: string;
  completed_date?: string;
  integrity_score?: number;
  invite_status: string;
  pdf_link?: string;
  recommendation?: string;
  response_id: number;
  score?: number;
  report_link?: string;
  skill_wise_scores?: { must_haves: SimSkillScore[]; nice_to_haves: SimSkillScore[] };
  conversation?: SimMessage[];
}

/** One row of `GET /ai-interviews/invited/{ai_interview_id}`. */
export interface SimInvitee {
  ai_interview_id: number;
  candidate_id: number;
  invite_status: string;
  /** HTTP-date. */
  last_updated_at: string;
  response_id: number;
}

/** One response (candidate attempt) as the simulator serves it. Times are Unix milliseconds. */
export interface XobinResponseRecord {
  responseId: number;
  aiInterviewId: number;
  candidateId: number;
  /** Index in the shared people pool; API_INVITEE (-1) for someone invited through the API. */
  personIndex: number;
  /** The email as Xobin shows it (shared people's case/spacing varied). */
  email: string;
  name: string;
  status: XobinStatusWord;
  customFieldId: string | null;
  invitedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  lastUpdatedAt: number;
  invitee: SimInvitee;
  /** Full report when Completed, the reduced object otherwise. */
  report: SimReport;
  /** Session key (ms timestamp string) → unsigned `.webm` URL; empty unless Completed. */
  recordings: Record<string, string>;
  /** Null for seeded responses. The access window as sent (`YYYY-MM-DD HH:MM` GMT). */
  invite: XobinInviteDetails | null;
}

/** How an API-made response was invited. */
export interface XobinInviteDetails {
  link: string;
  format: 'getlink' | 'sendlink';
  startDate: string | null;
  expiryDate: string | null;
}

/** What `POST /ai-interviews/invite` asks for, already validated by the simulator. */
export interface XobinNewInvite {
  aiInterviewId: number;
  name: string;
  email: string;
  format: 'getlink' | 'sendlink';
  startDate: string | null;
  expiryDate: string | null;
  customFieldId: string | null;
}

/** `personIndex` of people invited through the API (they are not from the shared pool). */
export const API_INVITEE = -1;

export interface XobinAiInterviewRecord {
  id: number;
  name: string;
  /** In list order (invite order = ascending response id). */
  responses: XobinResponseRecord[];
}

export interface XobinDataset {
  /** In the order the simulator's `sandboxOptions` configures them. */
  readonly aiInterviews: readonly XobinAiInterviewRecord[];
  /** Every response, AI interview by AI interview, each in list order (the order a full list walk meets them). */
  readonly responses: readonly XobinResponseRecord[];
  aiInterview(id: number): XobinAiInterviewRecord | undefined;
  response(id: number): XobinResponseRecord | undefined;
  byCustomField(customFieldId: string): XobinResponseRecord | undefined;
  /** Appended at the end of its list, as a new invite at Xobin would be. */
  addResponse(aiInterviewId: number, status?: XobinStatusWord): XobinResponseRecord;
  /**
   * No deduplication: Xobin documents no idempotency, so the same invite twice makes two
   * responses. The email keeps an earlier response's `candidate_id`. Undefined for an unknown AI interview.
   */
  invite(request: XobinNewInvite, now: number): XobinResponseRecord | undefined;
}

/* ============================================================================ specs */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1000;

interface QuestionSpec {
  ask: string;
  /** Spoken answers, strong → weak. */
  answers: [string, string, string];
  /** For coding questions: the code the candidate types (mode `code`), strong → weak. */
  code?: [string, string, string];
}

interface AiInterviewSpec {
  id: number;
  name: string;
  size: number;
  createdDaysAgo: number;
  mustHaves: string[];
  niceToHaves: string[];
  questions: QuestionSpec[];
  strengths: [string, string, string];
  gaps: [string, string, string];
}

const SPECS: AiInterviewSpec[] = [
  {
    id: 206,
    name: 'Customer Support Specialist',
    size: 56,
    createdDaysAgo: 88,
    mustHaves: ['Customer empathy', 'Written communication', 'Ticket triage'],
    niceToHaves: ['Zendesk', 'Second language'],
    questions: [
      {
        ask: 'Tell me about a time a customer was angry with you. How did you handle it?',
        answers: [
          'A merchant was double charged and furious. I apologised first, confirmed the charge in our billing tool while we were still on the call, refunded it and followed up by email the next day with the reference number.',
          'I stayed calm, listened to the customer and then passed the issue to my team lead who could give a refund.',
          'I told them it was not my fault and that they should write to the billing team.',
        ],
      },
      {
        ask: 'You have forty open tickets and two are marked urgent. Walk me through your next hour.',
        answers: [
          'I check that the two urgent ones are really urgent, answer them first, then sort the rest by SLA and by how many customers are affected, and I batch similar questions with a saved reply.',
          'I would do the urgent ones and then go from the oldest ticket to the newest.',
          'I just start from the top of the list.',
        ],
      },
      {
        ask: 'How do you explain a technical problem to a customer who is not technical?',
        answers: [
          'I avoid jargon, use an everyday comparison, say what it means for them and what happens next, and I check they understood before closing.',
          'I try to use simple words and send them a help article.',
          'I send them the error message so they can look it up.',
        ],
      },
      {
        ask: 'What would you do if you did not know the answer to a customer question?',
        answers: [
          'I say so honestly, give a time by which they will hear back, search the knowledge base, ask the right specialist, and then add the answer to the knowledge base for the next person.',
          'I would ask a colleague and get back to the customer.',
          'I would guess the most likely answer.',
        ],
      },
    ],
    strengths: ['a calm, structured way of handling frustrated customers', 'clear prioritisation of urgent tickets', 'plain-language explanations'],
    gaps: ['limited experience with help-desk tooling', 'little structure when triaging a large queue', 'a tendency to escalate instead of resolving'],
  },
  {
    id: 211,
    name: 'Senior Data Engineer',
    size: 54,
    createdDaysAgo: 75,
    mustHaves: ['SQL', 'Python', 'Data modelling'],
    niceToHaves: ['Apache Spark', 'Airflow'],
    questions: [
      {
        ask: 'Please write a SQL query that returns, for each customer, their most recent order. The table is orders(id, customer_id, created_at, total).',
        code: [
          'SELECT id, customer_id, created_at, total\nFROM (\n  SELECT o.*, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at DESC, id DESC) AS rn\n  FROM orders o\n) ranked\nWHERE rn = 1;',
          'SELECT customer_id, MAX(created_at) AS last_order\nFROM orders\nGROUP BY customer_id;',
          'SELECT * FROM orders ORDER BY created_at DESC LIMIT 1;',
        ],
        answers: [
          "I rank each customer's orders with ROW_NUMBER, newest first, with the id as a tie breaker so two orders at the same instant still give one row, and keep rank one.",
          'I group by customer and take the maximum date; to get the other columns I would join back to the table.',
          'This gives the latest order.',
        ],
      },
      {
        ask: 'Write a Python function that deduplicates a list of event dictionaries by their "id" key, keeping the latest by "ts".',
        code: [
          'def dedupe(events):\n    latest = {}\n    for event in events:\n        current = latest.get(event["id"])\n        if current is None or event["ts"] > current["ts"]:\n            latest[event["id"]] = event\n    return list(latest.values())',
          'def dedupe(events):\n    seen = {}\n    for e in sorted(events, key=lambda e: e["ts"]):\n        seen[e["id"]] = e\n    return list(seen.values())',
          'def dedupe(events):\n    return list({e["id"]: e for e in events}.values())',
        ],
        answers: [
          'One pass, a dictionary keyed by id holding the newest event so far: linear time and it does not depend on the input order.',
          'Sorting by timestamp first means the last write wins, which is the latest one.',
          'The dictionary removes the duplicates.',
        ],
      },
      {
        ask: 'How would you model slowly changing customer addresses in a warehouse?',
        answers: [
          'A type 2 dimension: surrogate key, valid_from and valid_to, a current flag, and facts join on the surrogate key that was valid at the event time.',
          'I would keep a history table of addresses with dates.',
          'I would overwrite the address when it changes.',
        ],
      },
      {
        ask: 'A nightly pipeline started taking four hours instead of one. How do you investigate?',
        answers: [
          'Compare task durations in the orchestrator to find the step that grew, then check input volume, skew and query plans for that step; usually it is a skewed join or a lost partition filter.',
          'I would look at the logs to find the slow step and try to add more resources.',
          'I would restart it.',
        ],
      },
    ],
    strengths: ['fluent SQL including window functions', 'clean, idiomatic Python', 'solid dimensional modelling'],
    gaps: ['little hands-on Spark tuning', 'vague on orchestration and retries', 'edge cases in SQL were missed'],
  },
  {
    id: 305,
    name: 'Full-Stack Developer (React/Node)',
    size: 54,
    createdDaysAgo: 60,
    mustHaves: ['JavaScript', 'React', 'REST API design'],
    niceToHaves: ['TypeScript', 'PostgreSQL'],
    questions: [
      {
        ask: 'Write a debounce function in JavaScript.',
        code: [
          'function debounce(fn, wait) {\n  let timer;\n  return function (...args) {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn.apply(this, args), wait);\n  };\n}',
          'function debounce(fn, wait) {\n  let timer;\n  return (...args) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), wait);\n  };\n}',
          'function debounce(fn, wait) {\n  setTimeout(fn, wait);\n}',
        ],
        answers: [
          "Each call resets the timer, so fn runs once the calls stop for wait milliseconds, with the last arguments and the caller's this.",
          'It clears the previous timeout and sets a new one.',
          'It waits before calling the function.',
        ],
      },
      {
        ask: 'How would you design the REST endpoints for a to-do list shared between users?',
        answers: [
          'Lists and items as resources, items nested under lists, membership checked on every request, PATCH for partial updates, ETags so two editors do not overwrite each other, and cursor pagination.',
          'GET, POST, PUT and DELETE on /todos with a user id.',
          'One endpoint that takes an action parameter.',
        ],
      },
      {
        ask: 'A React page re-renders far too often. What do you look at?',
        answers: [
          'I profile it with the React DevTools, look for new object or function props on every render, unstable keys and context values, then memoise where it actually helps.',
          'I would add React.memo to the components.',
          'I would reload the page.',
        ],
      },
      {
        ask: 'Write a function that fetches a URL and retries up to three times on a network error.',
        code: [
          'async function fetchWithRetry(url, attempts = 3) {\n  for (let i = 1; ; i++) {\n    try {\n      return await fetch(url);\n    } catch (err) {\n      if (i >= attempts) throw err;\n      await new Promise((r) => setTimeout(r, 2 ** i * 100));\n    }\n  }\n}',
          'async function fetchWithRetry(url) {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch(url); } catch (e) {}\n  }\n}',
          'function fetchWithRetry(url) {\n  return fetch(url) || fetch(url) || fetch(url);\n}',
        ],
        answers: [
          'It retries only on thrown network errors, backs off exponentially and rethrows the last error.',
          'It tries three times and returns the first success.',
          'It calls fetch again if the first one fails.',
        ],
      },
    ],
    strengths: ['confident JavaScript fundamentals', 'thoughtful API design', 'a methodical approach to React performance'],
    gaps: ['error handling left implicit', 'limited TypeScript experience', 'little attention to concurrency between editors'],
  },
  {
    id: 318,
    name: 'Sales Development Representative',
    size: 52,
    createdDaysAgo: 40,
    mustHaves: ['Prospecting', 'Objection handling', 'Verbal communication'],
    niceToHaves: ['CRM hygiene', 'SaaS sales'],
    questions: [
      {
        ask: 'Pitch our payroll product to me in thirty seconds. I am the CFO of a fifty-person company.',
        answers: [
          'You close payroll in minutes instead of days, taxes are filed for you, and your finance team gets its month-end back. Could we find twenty minutes next week to see it on your own numbers?',
          'Our payroll software is easy to use and saves time. Would you like a demo?',
          'We have a payroll product with many features.',
        ],
      },
      {
        ask: 'The prospect says: we already use a competitor. What do you say?',
        answers: [
          'That makes sense, most of our customers did. What would you change about it if you could? If it is month-end, that is exactly where teams switch to us.',
          'I would tell them our product is cheaper.',
          'I would thank them and hang up.',
        ],
      },
      {
        ask: 'How do you organise a day of outbound prospecting?',
        answers: [
          'Research and list building first, calls in the two best connect windows, emails in between, and everything logged in the CRM the same day.',
          'I make calls in the morning and send emails in the afternoon.',
          'I call whoever is next on the list.',
        ],
      },
    ],
    strengths: ['a concise, outcome-focused pitch', 'curious handling of objections', 'disciplined daily routine'],
    gaps: ['generic value statements', 'gives up early on objections', 'little structure in prospecting'],
  },
];

/* ============================================================================ building */

/** With `extraInterviews` 0 the data set is exactly as described above. */
export function createXobinDataset(seed = XOBIN_DEFAULT_SEED, extraInterviews = 0): XobinDataset {
  const random = new SeededRandom(seed);
  const people = createPeople();
  const epoch = DATA_EPOCH;

  // Shared people first: person p in AI interview p mod 4; people 0–3 also in the next one.
  const chosen = SPECS.map(() => [] as Array<{ person: Person; variant: number | null }>);
  for (let p = 0; p < SHARED_PEOPLE_COUNT; p += 1) {
    const homes = [p % SPECS.length, ...(p < SPECS.length ? [(p + 1) % SPECS.length] : [])];
    homes.forEach((home, appearance) => {
      chosen[home].push({ person: people[p], variant: p + appearance });
    });
  }
  // Xobin's slice of the pool, shuffled and dealt: each person once.
  const deck = shuffled(range(XOBIN_POOL_RANGE.from, XOBIN_POOL_RANGE.to), random);
  SPECS.forEach((spec, s) => {
    while (chosen[s].length < spec.size) chosen[s].push({ person: people[deck.pop() as number], variant: null });
  });

  // Invite times, then ids in invite order across all AI interviews.
  interface Draft {
    spec: AiInterviewSpec;
    person: Person;
    variant: number | null;
    invitedAt: number;
    status: XobinStatusWord;
  }
  const drafts: Draft[] = [];
  SPECS.forEach((spec, s) => {
    const statuses = assignStatuses(spec.size, random);
    const opened = epoch - spec.createdDaysAgo * DAY;
    chosen[s].forEach(({ person, variant }, i) => {
      // Room for a start up to 3 days later and a 45-minute interview, all before DATA_EPOCH.
      const invitedAt = opened + random.int(0, epoch - 4 * DAY - opened);
      drafts.push({ spec, person, variant, invitedAt: roundToSecond(invitedAt), status: statuses[i] });
    });
  });
  drafts.sort((a, b) => a.invitedAt - b.invitedAt || a.person.index - b.person.index);

  const candidateIds = new Map<number, number>();
  let nextCandidateId = FIRST_CANDIDATE_ID;
  const candidateIdOf = (person: Person) => {
    let id = candidateIds.get(person.index);
    if (id === undefined) {
      id = nextCandidateId;
      nextCandidateId += 1;
      candidateIds.set(person.index, id);
    }
    return id;
  };
  let nextResponseId = FIRST_RESPONSE_ID;
  let nextCustomField = 1;

  /** `generator` and `lean`: large seeding's extra responses use their own generator and lean conversations. */
  const build = (draft: Draft, generator = random, lean = false): XobinResponseRecord => {
    const responseId = nextResponseId;
    nextResponseId += 1;
    const customFieldId = generator.chance(0.35) ? `ATS-2026-${String(nextCustomField++).padStart(5, '0')}` : null;
    const email = draft.variant === null ? draft.person.email : varyEmail(draft.person.email, draft.variant);
    return buildResponse(
      draft.spec,
      draft.person,
      email,
      candidateIdOf(draft.person),
      responseId,
      customFieldId,
      draft.invitedAt,
      draft.status,
      generator,
      lean,
    );
  };

  const aiInterviews: XobinAiInterviewRecord[] = SPECS.map((spec) => ({ id: spec.id, name: spec.name, responses: [] }));
  const byAiInterview = new Map(aiInterviews.map((a) => [a.id, a]));
  for (const draft of drafts) byAiInterview.get(draft.spec.id)?.responses.push(build(draft));

  const extra = extraCount(extraInterviews);
  if (extra > 0) {
    // After every documented response: their ids (and candidate ids) continue the sequences, in
    // their own invite order, so each invitee list stays in ascending response_id order.
    const generator = extraRandom(seed);
    for (const draft of extraDrafts(generator, extra, epoch)) byAiInterview.get(draft.spec.id)?.responses.push(build(draft, generator, true));
  }

  const responseIndex = new Map<number, XobinResponseRecord>();
  const customFieldIndex = new Map<string, XobinResponseRecord>();
  /** The first response (in `responseIndex` order) of each email, trimmed and lower-cased: `invite` without a scan. */
  const firstByEmail = new Map<string, XobinResponseRecord>();
  const index = (record: XobinResponseRecord) => {
    responseIndex.set(record.responseId, record);
    if (record.customFieldId) customFieldIndex.set(record.customFieldId, record);
    const email = record.email.trim().toLowerCase();
    if (!firstByEmail.has(email)) firstByEmail.set(email, record);
  };
  for (const a of aiInterviews) a.responses.forEach(index);

  return {
    aiInterviews,
    get responses() {
      return aiInterviews.flatMap((a) => a.responses);
    },
    aiInterview: (id) => byAiInterview.get(id),
    response: (id) => responseIndex.get(id),
    byCustomField: (customFieldId) => customFieldIndex.get(customFieldId),
    invite(request, now) {
      const record = byAiInterview.get(request.aiInterviewId);
      if (!record) return undefined;
      const responseId = nextResponseId;
      nextResponseId += 1;
      const email = request.email.trim().toLowerCase();
      const known = firstByEmail.get(email);
      let candidateId = known?.candidateId;
      if (candidateId === undefined) {
        candidateId = nextCandidateId;
        nextCandidateId += 1;
      }
      const invitedAt = roundToSecond(now);
      const added: XobinResponseRecord = {
        responseId,
        aiInterviewId: record.id,
        candidateId,
        personIndex: known?.personIndex ?? API_INVITEE,
        email: request.email,
        name: request.name,
        status: 'Pending',
        customFieldId: request.customFieldId,
        invitedAt,
        startedAt: null,
        completedAt: null,
        lastUpdatedAt: invitedAt,
        invitee: {
          ai_interview_id: record.id,
          candidate_id: candidateId,
          invite_status: 'Pending',
          last_updated_at: new Date(invitedAt).toUTCString(),
          response_id: responseId,
        },
        // The reduced object, in the seeded ones' key order.
        report: {
          ai_interview_id: record.id,
          ai_interview_name: record.name,
          candidate_email: request.email,
          candidate_id: candidateId,
          candidate_name: request.name,
          invite_status: 'Pending',
          response_id: responseId,
        },
        recordings: {},
        invite: {
          link: `https://app.xobin.com/ai-interview/start/${createHash('sha256').update(`${seed}:${responseId}`).digest('base64url').slice(0, 32)}`,
          format: request.format,
          startDate: request.startDate,
          expiryDate: request.expiryDate,
        },
      };
      record.responses.push(added);
      index(added);
      return added;
    },
    addResponse(aiInterviewId, status = 'Pending') {
      const record = byAiInterview.get(aiInterviewId);
      const spec = SPECS.find((s) => s.id === aiInterviewId);
      if (!record || !spec) throw new Error(`no AI interview ${aiInterviewId} in the Xobin data set`);
      const present = new Set(record.responses.map((r) => r.personIndex));
      let personIndex = XOBIN_POOL_RANGE.from;
      while (present.has(personIndex)) personIndex += 1;
      if (personIndex > XOBIN_POOL_RANGE.to) throw new Error(`everyone in Xobin's slice is already in AI interview ${aiInterviewId}`);
      const last = record.responses[record.responses.length - 1];
      const invitedAt = Math.min(epoch - 4 * DAY, (last?.invitedAt ?? epoch - 5 * DAY) + MINUTE);
      const added = build({ spec, person: people[personIndex], variant: null, invitedAt, status });
      record.responses.push(added);
      index(added);
      return added;
    },
  };
}

/** Status words of large seeding's extra responses: ~40 % completed (with a report and score). */
const EXTRA_STATUS_WEIGHTS: ReadonlyArray<readonly [XobinStatusWord, number]> = [
  ['Pending', 45],
  ['Started', 15],
  ['Completed', 40],
];

function extraDrafts(
  random: SeededRandom,
  count: number,
  epoch: number,
): Array<{ spec: AiInterviewSpec; person: Person; variant: null; invitedAt: number; status: XobinStatusWord }> {
  const pickPerson = syntheticPeoplePicker(random, SYNTHETIC_REGIONS.xobin, count);
  const latest = epoch - 4 * DAY;
  const opened = (spec: AiInterviewSpec) => Math.max(epoch - spec.createdDaysAgo * DAY, epoch - 90 * DAY);
  const bySpan = SPECS.map((spec) => [spec, Math.max(1, latest - opened(spec))] as const);
  const drafts = Array.from({ length: count }, () => {
    const spec = weighted(random, bySpan);
    const person = pickPerson();
    const invitedAt = roundToSecond(opened(spec) + random.int(0, latest - opened(spec)));
    return { spec, person, variant: null, invitedAt, status: weighted(random, EXTRA_STATUS_WEIGHTS) };
  });
  return drafts.sort((a, b) => a.invitedAt - b.invitedAt || a.person.index - b.person.index);
}

/** Every word at least once, the rest weighted like a live pipeline, shuffled. */
function assignStatuses(count: number, random: SeededRandom): XobinStatusWord[] {
  const out: XobinStatusWord[] = [...XOBIN_STATUS_WORDS];
  while (out.length < count) {
    const roll = random.next();
    out.push(roll < 0.22 ? 'Pending' : roll < 0.32 ? 'Started' : 'Completed');
  }
  return shuffled(out, random);
}

function buildResponse(
  spec: AiInterviewSpec,
  person: Person,
  email: string,
  candidateId: number,
  responseId: number,
  customFieldId: string | null,
  invitedAt: number,
  status: XobinStatusWord,
  random: SeededRandom,
  lean = false,
): XobinResponseRecord {
  const name = `${person.firstName} ${person.lastName}`;
  const base = {
    ai_interview_id: spec.id,
    ai_interview_name: spec.name,
    candidate_email: email,
    candidate_id: candidateId,
    candidate_name: name,
  };
  const startedAt = status === 'Pending' ? null : roundToSecond(invitedAt + random.int(1 * HOUR, 72 * HOUR)) + random.int(0, 999);
  let report: SimReport = { ...base, invite_status: status, response_id: responseId };
  let recordings: Record<string, string> = {};
  let completedAt: number | null = null;

  if (status === 'Completed' && startedAt !== null) {
    ({ report, recordings, completedAt } = completedAttempt(spec, base, responseId, startedAt, random, lean));
  }
  const lastUpdatedAt = completedAt ?? (startedAt !== null ? roundToSecond(startedAt) : invitedAt);
  return {
    responseId,
    aiInterviewId: spec.id,
    candidateId,
    personIndex: person.index,
    email,
    name,
    status,
    customFieldId,
    invitedAt,
    startedAt,
    completedAt,
    lastUpdatedAt,
    invitee: {
      ai_interview_id: spec.id,
      candidate_id: candidateId,
      invite_status: status,
      last_updated_at: new Date(lastUpdatedAt).toUTCString(),
      response_id: responseId,
    },
    report,
    recordings,
    invite: null,
  };
}

/** A finished attempt started at `startedAt` (ms): its full report, recording sessions and completion time. */
function completedAttempt(
  spec: AiInterviewSpec,
  base: Pick<SimReport, 'ai_interview_id' | 'ai_interview_name' | 'candidate_email' | 'candidate_id' | 'candidate_name'>,
  responseId: number,
  startedAt: number,
  random: SeededRandom,
  lean = false,
): { report: SimReport; recordings: Record<string, string>; completedAt: number } {
  const name = base.candidate_name;
  const ability = random.next();
  const { conversation, end, sessions } = buildConversation(spec, startedAt, ability, random, lean);
  const completedAt = roundToSecond(end + random.int(5, 60) * SECOND);
  const recordings = Object.fromEntries(
    sessions.map((key) => [String(key), `https://media.xobin.com/ai-interviews/${spec.id}/responses/${responseId}/${key}.webm`]),
  );
  const score = clamp(Math.round(18 + ability * 80 + random.int(-4, 4)), 0, 100);
  // Mostly clean sessions; now and then a suspicious one. One decimal, like the docs' "10.0".
  const integrity = random.chance(0.12) ? random.int(20, 65) / 10 : random.int(75, 100) / 10;
  const skill = () => clamp(Math.round(1 + ability * 9 + random.int(-2, 2)), 1, 10);
  const level = qualityLevel(ability);
  const report: SimReport = {
    ...base,
    candidate_summary: summaryOf(spec, name, score, integrity, level),
    completed_date: humanDate(completedAt),
    integrity_score: integrity,
    invite_status: 'Completed',
    pdf_link: `https://app.xobin.com/ai-interviews/report/${responseId}/download?token=${random.id(24)}`,
    recommendation: score >= 80 ? 'Highly Recommended' : score >= 60 ? 'Recommended' : 'Not Recommended',
    response_id: responseId,
    score,
    report_link: `https://app.xobin.com/ai-interviews/shared-report/${random.id(32)}`,
    skill_wise_scores: {
      must_haves: spec.mustHaves.map((skill_name) => ({ score: skill(), skill_name })),
      nice_to_haves: spec.niceToHaves.map((skill_name) => ({ score: skill(), skill_name })),
    },
    conversation,
  };
  return { report, recordings, completedAt };
}

/* ============================================================================ live changes (webhook demos) */

export function startXobinResponse(dataset: XobinDataset, responseId: number, startedAt: number): XobinResponseRecord {
  const record = dataset.response(responseId);
  if (!record) throw new Error(`no Xobin response ${responseId} in the data set`);
  if (record.status !== 'Pending') throw new Error(`Xobin response ${responseId} is ${record.status}, not Pending`);
  record.status = 'Started';
  record.startedAt = startedAt;
  record.lastUpdatedAt = roundToSecond(startedAt);
  record.report = { ...record.report, invite_status: 'Started' };
  record.invitee = { ...record.invitee, invite_status: 'Started', last_updated_at: new Date(record.lastUpdatedAt).toUTCString() };
  return record;
}

/** Deterministic per response and start. */
export function completeXobinResponse(dataset: XobinDataset, responseId: number): XobinResponseRecord {
  const record = dataset.response(responseId);
  if (!record) throw new Error(`no Xobin response ${responseId} in the data set`);
  if (record.status !== 'Started' || record.startedAt === null) throw new Error(`Xobin response ${responseId} is ${record.status}, not Started`);
  const spec = SPECS.find((s) => s.id === record.aiInterviewId);
  if (!spec) throw new Error(`no AI interview spec ${record.aiInterviewId}`);
  const { ai_interview_id, ai_interview_name, candidate_email, candidate_id, candidate_name } = record.report;
  const random = new SeededRandom(seedOf(`${responseId}@${record.startedAt}`));
  const done = completedAttempt(
    spec,
    { ai_interview_id, ai_interview_name, candidate_email, candidate_id, candidate_name },
    responseId,
    record.startedAt,
    random,
  );
  record.status = 'Completed';
  record.report = done.report;
  record.recordings = done.recordings;
  record.completedAt = done.completedAt;
  record.lastUpdatedAt = done.completedAt;
  record.invitee = { ...record.invitee, invite_status: 'Completed', last_updated_at: new Date(done.completedAt).toUTCString() };
  return record;
}

/** 0 = strong answers, 1 = fair, 2 = weak. */
function qualityLevel(ability: number): 0 | 1 | 2 {
  return ability > 0.66 ? 0 : ability > 0.33 ? 1 : 2;
}

/** A reconnect now and then opens a new recording session, keyed by the ms instant it started. */
function buildConversation(
  spec: AiInterviewSpec,
  start: number,
  ability: number,
  random: SeededRandom,
  lean = false,
): { conversation: SimMessage[]; end: number; sessions: number[] } {
  const conversation: SimMessage[] = [];
  const sessions = [start];
  let at = start + random.int(800, 2500);
  const say = (role: SimMessage['role'], content: string, mode: SimMessage['mode'], pauseMs: number) => {
    conversation.push({ content, mode, role, timestamp: at });
    at += pauseMs;
  };
  if (lean) {
    const [question] = spec.questions;
    say('assistant', question.ask, 'default', random.int(5, 20) * SECOND);
    say('user', question.answers[qualityLevel(ability)], 'default', random.int(30, 150) * SECOND);
    say('assistant', CLOSING_LINE, 'default', random.int(1, 3) * SECOND);
    return { conversation, end: at, sessions };
  }
  say(
    'assistant',
    `Hi, thanks for joining this interview for the ${spec.name} role. It takes about twenty minutes. Shall we begin?`,
    'default',
    random.int(4, 9) * SECOND,
  );
  say('user', 'Yes, I am ready.', 'default', random.int(2, 5) * SECOND);
  const reconnectAfter = random.chance(0.3) ? random.int(0, spec.questions.length - 1) : -1;
  spec.questions.forEach((question, q) => {
    // The candidate's answers vary a little around their overall level.
    const level = clamp(qualityLevel(ability) + (random.chance(0.2) ? random.pick([-1, 1]) : 0), 0, 2) as 0 | 1 | 2;
    say('assistant', question.ask, 'default', random.int(5, 20) * SECOND);
    if (question.code) say('user', question.code[level], 'code', random.int(2, 6) * MINUTE);
    say('user', question.answers[level], 'default', random.int(30, 150) * SECOND);
    if (q === reconnectAfter) {
      // Dropped and rejoined: a second recording session.
      at += random.int(20, 90) * SECOND;
      sessions.push(at - random.int(500, 1500));
      if (random.chance(0.25)) {
        at += random.int(20, 90) * SECOND;
        sessions.push(at - random.int(500, 1500));
      }
    }
  });
  say('assistant', CLOSING_LINE, 'default', random.int(1, 3) * SECOND);
  return { conversation, end: at, sessions };
}

const CLOSING_LINE = 'Thank you, that is all from my side. The hiring team will be in touch.';

function summaryOf(spec: AiInterviewSpec, name: string, score: number, integrity: number, level: 0 | 1 | 2): string {
  const [strength, , weakStrength] = spec.strengths;
  const [gap, otherGap] = spec.gaps;
  const integrityNote =
    integrity >= 9
      ? `an excellent integrity score of ${integrity.toFixed(1)}`
      : integrity >= 7
        ? `a good integrity score of ${integrity.toFixed(1)}`
        : `a low integrity score of ${integrity.toFixed(1)} that deserves a closer look`;
  if (level === 0)
    return `${name} showed ${strength} and ${spec.strengths[1]} for the ${spec.name} role, with an overall score of ${score} and ${integrityNote}. Minor gap: ${gap}. ${name.split(' ')[0]} is recommended for the next round.`;
  if (level === 1)
    return `${name} showed ${weakStrength} but also ${otherGap}, scoring ${score} overall with ${integrityNote}. A follow-up interview should probe ${gap}.`;
  return `${name} struggled with the core skills of the ${spec.name} role (${gap}; ${otherGap}), scoring ${score} overall with ${integrityNote}. ${name.split(' ')[0]} is not recommended for the role.`;
}

/* ============================================================================ formats */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `completed_date` as Xobin writes it (UTC, no zone): `Jul 05, 2025, 4:42:45 AM`. */
export function humanDate(ms: number): string {
  const d = new Date(ms);
  const hour = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}, ${d.getUTCFullYear()}, ${hour}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

/* ============================================================================ helpers */

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Fisher–Yates, in place, returned for chaining. */
function shuffled<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function roundToSecond(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}
