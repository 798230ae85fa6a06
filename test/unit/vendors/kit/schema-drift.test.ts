/**
 * The drift rule every adapter uses: `tolerant` fields degrade alone, `withRaw` keeps what the
 * vendor sent, `tellDrift` names each degraded field by its path, and `driftReporter` logs a
 * field × shape once while counting every sighting.
 */
import pino from 'pino';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { Provider } from '../../../support/providers';
import { driftReporter, LazyRead, shapeOf, tellDrift, tolerant, withLazyRaw, withRaw } from '../../../../src/vendors/kit/schema-drift';

const schema = withRaw(
  z.looseObject({
    id: z.string(),
    score: tolerant(z.number()),
    evaluation: tolerant(
      z.looseObject({
        flags: tolerant(z.array(z.looseObject({ type: z.string() }))),
        detail: tolerant(z.looseObject({ level: tolerant(z.number()) })),
      }),
    ),
  }),
);

describe('tolerant + withRaw', () => {
  it('a field of another shape parses as null; the others and unknown fields are read; raw is the input untouched', () => {
    const input = { id: 'a1', score: '78', evaluation: { flags: ['TAB'], detail: { level: 2 } }, extra: { nested: true } };
    const { parsed, raw } = schema.parse(input);
    expect(parsed).toEqual({ id: 'a1', score: null, evaluation: { flags: null, detail: { level: 2 } }, extra: { nested: true } });
    expect(raw).toBe(input);
  });

  it('an id of another shape still fails the object (nothing to name)', () => {
    expect(schema.safeParse({ id: 7, score: 1 }).success).toBe(false);
  });
});

describe('withLazyRaw', () => {
  const full = z.object({ id: z.string().min(1), score: tolerant(z.number()), notes: tolerant(z.array(z.string())) });
  const lazy = z.array(withLazyRaw(full.pick({ id: true }), full));

  it('reads the head at once and the whole object on first use of parsed, once', () => {
    const input = [{ id: 'a', score: 7, notes: ['x'], extra: 1 }];
    const spy = jest.spyOn(full, 'parse');
    try {
      const [item] = lazy.parse(input);
      expect(item).toBeInstanceOf(LazyRead);
      expect(item.head).toEqual({ id: 'a' });
      expect(item.raw).toBe(input[0]);
      expect(spy).not.toHaveBeenCalled();
      const parsed = item.parsed;
      expect(parsed).toEqual({ id: 'a', score: 7, notes: ['x'] });
      expect(item.parsed).toBe(parsed);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects at once what withRaw would reject: an object without the id that names it', () => {
    expect(lazy.safeParse([{ id: 'a' }, { score: 1 }]).success).toBe(false);
    expect(lazy.safeParse([{ id: '' }]).success).toBe(false);
    expect(lazy.safeParse(['not an object']).success).toBe(false);
  });

  it('a drifted field outside the head does not fail the list; it degrades alone when read', () => {
    const [item] = lazy.parse([{ id: 'a', score: '7', notes: 'x' }]);
    expect(item.parsed).toEqual({ id: 'a', score: null, notes: null });
    const told: string[] = [];
    tellDrift(item.parsed, item.raw, (field) => told.push(field));
    expect(told).toEqual(['score', 'notes']);
  });
});

describe('tellDrift', () => {
  const told = (input: unknown) => {
    const out: Array<[string, unknown]> = [];
    const { parsed, raw } = schema.parse(input);
    tellDrift(parsed, raw, (field, value) => out.push([field, value]));
    return out;
  };

  it('names every degraded field by its path, into sub-objects', () => {
    expect(told({ id: 'a', score: '78', evaluation: { flags: ['TAB'], detail: { level: 'high' } } })).toEqual([
      ['score', '78'],
      ['evaluation.flags', ['TAB']],
      ['evaluation.detail.level', 'high'],
    ]);
  });

  it('a whole sub-object of another shape is one drift, under its own name', () => {
    expect(told({ id: 'a', evaluation: 'Strong candidate' })).toEqual([['evaluation', 'Strong candidate']]);
  });

  it('absent, null and unknown fields are not drift', () => {
    expect(told({ id: 'a', score: null, brandNew: { x: 1 } })).toEqual([]);
  });
});

describe('driftReporter', () => {
  it('counts every sighting and logs each field × shape once, naming the shape, never the value', () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write: (chunk, _enc, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const counts: string[] = [];
    const report = driftReporter({ provider: Provider.EVALYO, logger, count: (_p, field) => counts.push(field) });
    report('evaluation.flags', ['secret-word']);
    report('evaluation.flags', ['another']);
    report('evaluation.flags', 'a sentence');
    expect(counts).toEqual(['evaluation.flags', 'evaluation.flags', 'evaluation.flags']);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('secret-word');
    expect(JSON.parse(lines[0])).toMatchObject({ provider: 'EVALYO', field: 'evaluation.flags', shape: shapeOf(['x']) });
  });
});
