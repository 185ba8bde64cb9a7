import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../../src/main/import/preview';
import { useTempDir } from '../../helpers/temp';

describe('the notes of a preview', () => {
  const temp = useTempDir();

  it('says a whole-file note once (ambiguous date order), and asks', async () => {
    const path = join(temp(), 'enrolments.csv');
    writeFileSync(path, 'youth_id,program,enrolled_on\nY0001,CLUB,03/04/2024\nY0002,CLUB,05/06/2024\n');
    const preview = await previewImport(null, path);
    expect(preview.dateOrderAmbiguous).toBe(true);
    expect(preview.issues.filter((i) => i.code === 'date_order_ambiguous')).toHaveLength(1);
  });
});
