import { AREAS, type Area, type Role } from '@gov/contracts';

/**
 * Where each role starts after logging in, in priority order: a user with several roles
 * lands on the first that applies (a clerk who is also an approver starts at the counter).
 */
const LANDING_ORDER: readonly { role: Role; area: Area }[] = [
  { role: 'citizen', area: 'portal' },
  { role: 'clerk', area: 'counter' },
  { role: 'approver', area: 'inbox' },
  { role: 'dept-admin', area: 'inbox' },
  { role: 'supervisor', area: 'inbox' },
  { role: 'designer', area: 'designer' },
  { role: 'admin', area: 'admin' },
];

export function areaPath(area: Area): string {
  return `/${area}`;
}

/** The home path for a logged-in user, or undefined when none of their roles has one. */
export function landingPathFor(roles: readonly Role[]): string | undefined {
  const landing = LANDING_ORDER.find(({ role }) => roles.includes(role));
  return landing ? areaPath(landing.area) : undefined;
}

/**
 * Areas shown in the navigation. The portal is public, so anonymous visitors see it; a
 * logged-in user sees exactly the areas the server granted (`me.areas`), in menu order.
 */
export function navigationAreas(me: { areas: readonly Area[] } | undefined): Area[] {
  if (!me) return ['portal'];
  return AREAS.filter((area) => me.areas.includes(area));
}
