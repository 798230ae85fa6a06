import { scoreFromLabel, scoreOnScale, scoreOnUnknownScale } from '../../../src/domain/score';

describe('scores', () => {
  it('maps a number on a known scale linearly onto 0–100', () => {
    expect(scoreOnScale(85, 0, 100)).toEqual({ value: 85, raw: 85, scaleMin: 0, scaleMax: 100, scaleKnown: true, scale: 'PERCENT', label: null });
    expect(scoreOnScale(7, 1, 10).value).toBe(66.67);
    expect(scoreOnScale(7.5, 0, 10).value).toBe(75);
  });

  it('inverts scales where the low end is best', () => {
    expect(scoreOnScale(1, 1, 5, { invert: true }).value).toBe(100);
    expect(scoreOnScale(5, 1, 5, { invert: true }).value).toBe(0);
    expect(scoreOnScale(2, 1, 5, { invert: true }).value).toBe(75);
  });

  it('clamps values outside the scale but keeps the raw number', () => {
    expect(scoreOnScale(123, 1, 10)).toMatchObject({ value: 100, raw: 123 });
    expect(scoreOnScale(-3, 0, 100)).toMatchObject({ value: 0, raw: -3 });
  });

  it('keeps numbers on an undocumented scale raw, with no 0–100 value', () => {
    expect(scoreOnUnknownScale(42)).toEqual({ value: null, raw: 42, scaleMin: null, scaleMax: null, scaleKnown: false, scale: 'UNKNOWN', label: null });
  });

  const ladders = [
    { labels: ['Not experienced', 'Junior', 'Mid-level', 'Senior'], firstPoint: 0 },
    { labels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'], firstPoint: 1 },
  ];

  it('maps labels onto ordinal points, case- and space-insensitively, keeping the label as sent', () => {
    expect(scoreFromLabel('Senior', ladders)).toEqual({ value: 100, raw: 3, scaleMin: 0, scaleMax: 3, scaleKnown: true, scale: 'ORDINAL', label: 'Senior' });
    expect(scoreFromLabel('  mid-LEVEL ', ladders)).toMatchObject({ value: 66.67, raw: 2, label: '  mid-LEVEL ' });
    expect(scoreFromLabel('B1', ladders)).toMatchObject({ value: 40, raw: 3, scaleMin: 1, scaleMax: 6 });
  });

  it('keeps an unknown label with no value', () => {
    expect(scoreFromLabel('Rockstar', ladders)).toEqual({
      value: null,
      raw: null,
      scaleMin: null,
      scaleMax: null,
      scaleKnown: false,
      scale: 'UNKNOWN',
      label: 'Rockstar',
    });
  });
});
