import { z } from 'zod';

/** Realm roles of the `gov` realm (keycloak/gov-realm.json). */
export const ROLES = ['citizen', 'clerk', 'approver', 'dept-admin', 'supervisor', 'designer', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Areas of the web app and the roles that may use each. */
export const AREAS = ['portal', 'counter', 'inbox', 'designer', 'admin', 'analytics'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_ROLES: Record<Area, readonly Role[]> = {
  portal: ['citizen'],
  counter: ['clerk'],
  inbox: ['approver', 'dept-admin', 'supervisor'],
  designer: ['designer'],
  admin: ['admin', 'dept-admin'],
  analytics: ['supervisor', 'dept-admin', 'admin'],
};

export function areasFor(roles: readonly string[]): Area[] {
  return AREAS.filter((area) => AREA_ROLES[area].some((role) => roles.includes(role)));
}

/** A department is a Keycloak group; `path` is the full group path, e.g. /沈阳市/市场监督管理局. */
export const departmentSchema = z.object({
  path: z.string(),
  name: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;

/** Response of GET /api/me. */
export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  departments: z.array(departmentSchema),
  idNumberMasked: z.string().nullable(),
  /** The company an enterprise user acts for. */
  company: z.object({ creditCode: z.string(), name: z.string() }).nullable(),
  areas: z.array(z.enum(AREAS)),
});
export type Me = z.infer<typeof meSchema>;
