/**
 * The exporter's fast amount → number conversion gives exactly the double fenToUnitNumber gives
 * (the double nearest to the printed decimal), for printed values and for any other amount.
 */
import { describe, expect, it } from 'vitest';
import type { Fen } from '../money/fen';
import { fenToUnitNumber, printedPrecisionFen } from '../money/format';
import type { DisplayUnit } from '../model/document';
import { amountNumber } from './exportSheets';

describe('amountNumber', () => {
  it('equals fenToUnitNumber for every unit and precision', () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (const unit of ['wan', 'yuan'] as DisplayUnit[]) {
      for (let decimals = 0; decimals <= 6; decimals++) {
        const step = printedPrecisionFen(unit, decimals);
        for (let i = 0; i < 2000; i++) {
          const magnitude = 10 ** (next() % 15);
          const raw = Math.round(((next() / 2 ** 31) * 2 - 1) * magnitude);
          // Printed values are multiples of the step; other amounts take the exact path.
          for (const fen of [raw - (raw % step), raw, 0, step, -step]) {
            expect(Object.is(amountNumber(fen, unit, decimals), fenToUnitNumber(fen as Fen, unit, decimals))).toBe(true);
          }
        }
      }
    }
  });
});
