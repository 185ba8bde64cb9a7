import { describe, expect, it } from 'vitest';
import { findAmbiguousDate } from '../../../src/renderer/src/features/import/date-order';

describe('findAmbiguousDate (the example the wizard shows when it asks the date order)', () => {
  it.each([
    ['03/04/2024', 'March 4, 2024', '3 April 2024'],
    ['7.8.2023', 'July 8, 2023', '7 August 2023'],
    ['11-02-24 14:05', 'November 2, 2024', '11 February 2024'],
  ])('%s reads as %s or %s', (value, monthFirst, dayFirst) => {
    const found = findAmbiguousDate(['youth_id', 'enrolled_on'], [['Y1', value]]);
    expect(found).toMatchObject({ column: 'enrolled_on', monthFirst, dayFirst });
    expect(value.startsWith(found!.value)).toBe(true);
  });

  it('skips dates that read one way only (13/04, 04/04) and takes the first that reads two ways', () => {
    const rows = [
      ['13/04/2024', '04/04/2024'],
      ['Y2', '05/06/2024'],
    ];
    expect(findAmbiguousDate(['a', 'b'], rows)).toMatchObject({ column: 'b', value: '05/06/2024' });
    expect(findAmbiguousDate(['a'], [['2024-03-04'], ['25/12/2024']])).toBeNull();
  });
});
