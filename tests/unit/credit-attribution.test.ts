import { describe, expect, it } from 'vitest';
import { attributeCredits } from '../../shared/credit-attribution';

describe('attributeCredits', () => {
  it('keeps a per-outcome price when the provider gives one', () => {
    expect(
      attributeCredits(
        [
          { status: 'matched', credits: 4 },
          { status: 'not_found', credits: 1 },
        ],
        5,
      ),
    ).toEqual([4, 1]);
  });
  it('spreads an unpriced total over the matches only', () => {
    expect(attributeCredits([{ status: 'matched' }, { status: 'not_found' }, { status: 'matched' }], 3)).toEqual([
      1.5, 0, 1.5,
    ]);
  });
  it('charges nothing to unpriced outcomes next to priced ones', () => {
    expect(attributeCredits([{ status: 'matched', credits: 2 }, { status: 'matched' }], 2)).toEqual([2, 0]);
  });
  it('charges nothing when nothing matched', () => {
    expect(attributeCredits([{ status: 'not_found' }, { status: 'error' }], 2)).toEqual([0, 0]);
  });
});
