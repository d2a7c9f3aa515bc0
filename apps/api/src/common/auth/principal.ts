import { checkCreditCode, checkIdNumber, type Company, type Department, type Role, roleSchema } from '@gov/contracts';

/** Who is calling, taken from a verified access token. */
export interface Principal {
  subject: string;
  username: string;
  name: string;
  email: string | null;
  roles: Role[];
  departments: Department[];
  idNumber: string | null;
  /** The company an enterprise user acts for (统一社会信用代码 checked), else null. */
  company: Company | null;
  /** A confidential client's service account holding the API's client role `service` (department systems, the worker). */
  serviceAccount?: boolean;
}

/** The client role that lets a service account call service routes (keycloak/gov-realm.json: gov-api → service). */
export const SERVICE_ROLE = 'service';

function stringClaim(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function realmRoles(claims: Record<string, unknown>): Role[] {
  const access = claims.realm_access;
  const roles = typeof access === 'object' && access !== null && 'roles' in access ? stringArray(access.roles) : [];
  return roles.flatMap((role) => {
    const parsed = roleSchema.safeParse(role);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Groups are department paths such as /沈阳市/市场监督管理局; the last segment is the name. */
function departments(claims: Record<string, unknown>): Department[] {
  return stringArray(claims.groups).map((raw) => {
    const path = raw.startsWith('/') ? raw : `/${raw}`;
    const name = path.split('/').filter(Boolean).at(-1) ?? path;
    return { path, name };
  });
}

/**
 * Keycloak checks only the pattern of `idNumber`; the GB 11643 checksum and birth date are checked
 * here, where the ID number enters the platform. An invalid one counts as absent: it identifies nobody.
 */
function validIdNumber(raw: string | null): string | null {
  if (raw === null) return null;
  const check = checkIdNumber(raw);
  return check.valid ? check.idNumber : null;
}

function companyOf(claims: Record<string, unknown>): Company | null {
  const code = stringClaim(claims, 'creditCode');
  if (code === null) return null;
  const check = checkCreditCode(code);
  return check.valid ? { creditCode: check.creditCode, name: stringClaim(claims, 'companyName') ?? check.creditCode } : null;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Keycloak's `name` claim is "given family". Chinese names are written family name first and
 * without a space (张伟), so they are composed from the parts; other names keep Keycloak's form.
 */
export function displayName(claims: Record<string, unknown>): string | null {
  const given = stringClaim(claims, 'given_name');
  const family = stringClaim(claims, 'family_name');
  if (given && family) return CJK.test(given + family) ? `${family}${given}` : `${given} ${family}`;
  return stringClaim(claims, 'name') ?? given ?? family;
}

function clientRoles(claims: Record<string, unknown>, client: string): string[] {
  const access = claims.resource_access;
  if (typeof access !== 'object' || access === null || !(client in access)) return [];
  const entry: unknown = Object.entries(access).find(([name]) => name === client)?.[1];
  return typeof entry === 'object' && entry !== null && 'roles' in entry ? stringArray(entry.roles) : [];
}

/** `audience`: the API's client id, whose client roles the token carries under resource_access. */
export function principalFromClaims(claims: Record<string, unknown>, audience = 'gov-api'): Principal {
  const subject = stringClaim(claims, 'sub') ?? '';
  const username = stringClaim(claims, 'preferred_username') ?? subject;
  return {
    subject,
    username,
    name: displayName(claims) ?? username,
    email: stringClaim(claims, 'email'),
    roles: realmRoles(claims),
    departments: departments(claims),
    idNumber: validIdNumber(stringClaim(claims, 'idNumber')),
    company: companyOf(claims),
    serviceAccount: clientRoles(claims, audience).includes(SERVICE_ROLE),
  };
}
