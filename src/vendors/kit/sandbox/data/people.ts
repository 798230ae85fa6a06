import { SeededRandom } from './random';

export interface Person {
  /** 0-based index in the pool; the same index is the same person at every simulated vendor. */
  index: number;
  firstName: string;
  lastName: string;
  /** Canonical (lower-case) email. Simulators may vary case/whitespace when they show it. */
  email: string;
}

const FIRST = [
  'Ada',
  'Alan',
  'Amara',
  'Aiko',
  'Bruno',
  'Chen',
  'Chloe',
  'Dario',
  'Divya',
  'Elena',
  'Emeka',
  'Farah',
  'Felix',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Ivan',
  'Jamal',
  'Jonas',
  'Kavya',
  'Keiko',
  'Liam',
  'Lucia',
  'Mateo',
  'Maya',
  'Nadia',
  'Noah',
  'Olga',
  'Omar',
  'Priya',
  'Quinn',
  'Rafael',
  'Rosa',
  'Sami',
  'Sofia',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zara',
];
const LAST = [
  'Abara',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Mensah',
  'Novak',
  'Okafor',
  'Petrov',
  'Quispe',
  'Rossi',
  'Sato',
  'Tanaka',
  'Usman',
  'Varga',
  'Weber',
  'Xu',
  'Yilmaz',
  'Zhang',
];

/** Each simulator draws mostly from its own slice (micro1 12–259, HeyMilo 260–499, …), so overlaps are deliberate. */
export const PEOPLE_COUNT = 900;

/** At every simulated vendor (email case and whitespace varied), so the cross-vendor Candidate view has data to merge. */
export const SHARED_PEOPLE_COUNT = 12;

/** The instant the seeded data is "as of"; timestamps are spread over the 90 days before it. */
export const DATA_EPOCH = Date.parse('2026-06-01T12:00:00Z');

/** A deterministic pool of fake people (`@example.com` addresses only). */
export function createPeople(seed = 42, count = PEOPLE_COUNT): Person[] {
  const random = new SeededRandom(seed);
  const people: Person[] = [];
  for (let index = 0; index < count; index += 1) {
    const firstName = random.pick(FIRST);
    const lastName = random.pick(LAST);
    people.push({
      index,
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase(),
    });
  }
  return people;
}

/** Shows an email the way a sloppy form would: odd case and stray spaces (deterministic). */
export function varyEmail(email: string, variant: number): string {
  switch (variant % 4) {
    case 1:
      return email.toUpperCase();
    case 2:
      return ` ${email[0].toUpperCase()}${email.slice(1)} `;
    case 3:
      return email.replace(/^[^.]+/, (s) => s[0].toUpperCase() + s.slice(1));
    default:
      return email;
  }
}

/** `index` is PEOPLE_COUNT + n, so it never collides with a pool person's; the same `n` is the same person at every vendor. */
export function syntheticPerson(n: number): Person {
  return {
    index: PEOPLE_COUNT + n,
    firstName: FIRST[n % FIRST.length],
    lastName: LAST[Math.floor(n / FIRST.length) % LAST.length],
    email: `person${n}@example.com`,
  };
}
