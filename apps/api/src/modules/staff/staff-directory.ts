// The staff directory: who has signed in, with the departments and roles their last token carried.
// Kept from the tokens the API verifies anyway (no call to Keycloak's admin API); a colleague appears
// once they have signed in. Writes are spread out: once per person per quarter hour per API process,
// or at once when their departments, roles or name change.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Role, ROLES, type StaffMember } from '@gov/contracts';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../common/auth/principal.js';

const STAFF_ROLES: readonly Role[] = ['clerk', 'approver', 'dept-admin', 'supervisor', 'designer', 'admin'];
const REFRESH_MS = 15 * 60_000;
/** At most this many people remembered per process between writes (a directory, not a cache of everyone). */
const REMEMBERED = 10_000;

const memberRow = z.object({
  username: z.string(), name: z.string(), departments: z.array(z.string()), roles: z.array(z.enum(ROLES)), last_seen_at: z.date(),
}).transform((r): StaffMember => ({ username: r.username, name: r.name, departments: r.departments, roles: r.roles, lastSeenAt: r.last_seen_at.toISOString() }));

export const isStaff = (principal: Principal) => principal.serviceAccount !== true && principal.roles.some((role) => STAFF_ROLES.includes(role));

@Injectable()
export class StaffDirectory {
  private readonly logger = new Logger('StaffDirectory');
  private readonly written = new Map<string, { at: number; signature: string }>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Records a staff member seen on a request (citizens and service accounts are not staff). */
  async seen(principal: Principal, now: Date): Promise<void> {
    if (!isStaff(principal)) return;
    const departments = principal.departments.map((d) => d.path).sort();
    const roles = principal.roles.filter((role) => STAFF_ROLES.includes(role)).sort();
    const signature = JSON.stringify([principal.username, principal.name, departments, roles]);
    const last = this.written.get(principal.subject);
    if (last && last.signature === signature && now.getTime() - last.at < REFRESH_MS) return;
    if (this.written.size >= REMEMBERED) this.written.clear();
    this.written.set(principal.subject, { at: now.getTime(), signature });
    try {
      await this.dataSource.query(
        `INSERT INTO staff_member (subject, username, name, departments, roles, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (subject) DO UPDATE SET username = EXCLUDED.username, name = EXCLUDED.name, departments = EXCLUDED.departments,
           roles = EXCLUDED.roles, last_seen_at = EXCLUDED.last_seen_at`,
        [principal.subject, principal.username, principal.name, departments, roles, now]);
    } catch (error: unknown) {
      this.written.delete(principal.subject);
      this.logger.warn({ err: error }, 'could not record a staff member');
    }
  }

  /** Staff of any of these departments (all departments: null), matching `q` in username or name, by name. */
  async members(departments: readonly string[] | null, q: string | undefined, limit = 50): Promise<StaffMember[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (departments !== null) {
      params.push([...departments]);
      where.push(`departments && $${params.length}::text[]`);
    }
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(username ILIKE $${params.length} OR name ILIKE $${params.length})`);
    }
    params.push(limit);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT username, name, departments, roles, last_seen_at FROM staff_member ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY name, username LIMIT $${params.length}`, params);
    return rows.map((r) => memberRow.parse(r));
  }

  /** The staff member with this username in one of these departments, or null. */
  async colleague(username: string, departments: readonly string[]): Promise<StaffMember | null> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT username, name, departments, roles, last_seen_at FROM staff_member WHERE username = $1 AND departments && $2::text[]
       ORDER BY last_seen_at DESC LIMIT 1`, [username, [...departments]]);
    return rows[0] === undefined ? null : memberRow.parse(rows[0]);
  }
}
