import { normaliseParticipantId, type IdNormalisation } from '@core/csv';
import type { Db } from '../../db/open-project';

/**
 * Looks up (and, when the mapping allows, creates) the entities rows refer to: cohorts, programs,
 * sites, activity types, partners, mentors, participants. Everything is cached in memory for the
 * import: these tables are small next to the facts (a 1,000,000-row attendance log has a few thousand
 * participants and sessions).
 */
export class RefResolver {
  private readonly cache = new Map<string, Map<string, number>>();
  private readonly participants = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private readonly idOptions: Partial<IdNormalisation>,
    readonly counts: Record<string, number>,
  ) {
    for (const table of ['cohorts', 'programs', 'sites', 'activity_types'] as const) {
      const map = new Map<string, number>();
      const rows = db
        .prepare(`SELECT id, code, ${table === 'cohorts' ? 'NULL AS' : ''} name FROM ${table}`)
        .all() as {
        id: number;
        code: string;
        name?: string;
      }[];
      for (const r of rows) {
        map.set(fold(r.code), r.id);
        if (r.name) map.set(fold(r.name), r.id);
      }
      this.cache.set(table, map);
    }
    const partners = new Map<string, number>();
    for (const r of db.prepare('SELECT id, key, name FROM partners').all() as {
      id: number;
      key: string;
      name: string;
    }[]) {
      partners.set(`key:${fold(r.key)}`, r.id);
      partners.set(`name:${fold(r.name)}`, r.id);
    }
    this.cache.set('partners', partners);
    const mentors = new Map<string, number>();
    for (const r of db.prepare('SELECT id, key FROM mentors').all() as { id: number; key: string }[])
      mentors.set(fold(r.key), r.id);
    this.cache.set('mentors', mentors);
    for (const r of db.prepare('SELECT id, key FROM participants').iterate() as Iterable<{
      id: number;
      key: string;
    }>)
      this.participants.set(normaliseParticipantId(r.key, idOptions), r.id);
  }

  private bump(table: string): void {
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }

  lookup(table: 'cohorts' | 'programs' | 'sites' | 'activity_types', value: string): number | undefined {
    return this.cache.get(table)?.get(fold(value));
  }

  /** A cohort by code; a new `YYYY-YY` code becomes a school year (Aug 1 to Jul 31) when allowed. */
  cohort(value: string, create: boolean): number | undefined {
    const found = this.lookup('cohorts', value);
    if (found !== undefined || !create) return found;
    const m = /^(\d{4})-(\d{2}|\d{4})$/.exec(value.trim());
    if (!m) return undefined;
    const start = Number(m[1]);
    const id = Number(
      this.db
        .prepare('INSERT INTO cohorts (code, starts_on, ends_on, import_id) VALUES (?, ?, ?, ?)')
        .run(value.trim(), `${start}-08-01`, `${start + 1}-07-31`, this.importId).lastInsertRowid,
    );
    this.cache.get('cohorts')!.set(fold(value), id);
    this.bump('cohorts');
    return id;
  }

  /** The cohort whose dates hold an ISO date. */
  cohortForDate(isoDate: string): number | undefined {
    const r = this.db
      .prepare('SELECT id FROM cohorts WHERE ? BETWEEN starts_on AND ends_on ORDER BY starts_on DESC LIMIT 1')
      .pluck()
      .get(isoDate) as number | undefined;
    return r;
  }

  /** Programs, sites and activity types by code or name; created from the name when allowed. */
  named(table: 'programs' | 'sites' | 'activity_types', value: string, create: boolean): number | undefined {
    const found = this.lookup(table, value);
    if (found !== undefined || !create || value.trim() === '') return found;
    const name = value.trim();
    const code = name;
    const sql =
      table === 'programs'
        ? `INSERT INTO programs (code, name, program_type, import_id) VALUES (?, ?, 'other', ?)`
        : `INSERT INTO ${table} (code, name, import_id) VALUES (?, ?, ?)`;
    const id = Number(this.db.prepare(sql).run(code, name, this.importId).lastInsertRowid);
    this.cache.get(table)!.set(fold(name), id);
    this.bump(table);
    return id;
  }

  partner(by: 'key' | 'name', value: string): number | undefined {
    return this.cache.get('partners')!.get(`${by}:${fold(value)}`);
  }

  rememberPartner(id: number, key: string, name: string): void {
    this.cache.get('partners')!.set(`key:${fold(key)}`, id);
    this.cache.get('partners')!.set(`name:${fold(name)}`, id);
  }

  mentor(key: string): number | undefined {
    return this.cache.get('mentors')!.get(fold(key));
  }

  rememberMentor(id: number, key: string): void {
    this.cache.get('mentors')!.set(fold(key), id);
  }

  normaliseId(raw: string): string {
    return normaliseParticipantId(raw, this.idOptions);
  }

  /**
   * A participant by ID as typed (matched after normalising: " y0042 " finds Y0042). New IDs are
   * created when allowed, keyed as typed (trimmed).
   */
  participant(raw: string, create: boolean, sourceRow: number): number | undefined {
    const norm = this.normaliseId(raw);
    if (norm === '') return undefined;
    const found = this.participants.get(norm);
    if (found !== undefined || !create) return found;
    const id = Number(
      this.db
        .prepare('INSERT INTO participants (key, import_id, source_row) VALUES (?, ?, ?)')
        .run(raw.trim(), this.importId, sourceRow).lastInsertRowid,
    );
    this.participants.set(norm, id);
    this.bump('participants');
    return id;
  }
}

function fold(value: string): string {
  return value.trim().toLowerCase();
}
