// The realm file is configuration the whole platform relies on: these tests read it as data
// (no Keycloak running) and check what the API, the web app and the demo depend on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdNumber, ROLES } from '../libs/contracts/src/index.js';

interface Group { name: string; attributes?: Record<string, string[]>; subGroups?: Group[] }
interface User {
  username: string;
  enabled?: boolean;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value: string; temporary: boolean }[];
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
  groups?: string[];
  serviceAccountClientId?: string;
}
interface ProtocolMapper { protocolMapper: string; config: Record<string, string> }
interface Client {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: ProtocolMapper[];
}
interface UserProfileAttribute {
  name: string;
  displayName?: string;
  validations?: Record<string, Record<string, string>>;
  permissions?: { view: string[]; edit: string[] };
}
interface Realm {
  realm: string;
  roles: { realm: { name: string; description?: string }[] };
  groups: Group[];
  users: User[];
  clients: Client[];
  components: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
  [setting: string]: unknown;
}

const realm = JSON.parse(readFileSync(path.join(import.meta.dirname, 'gov-realm.json'), 'utf8')) as Realm;
const TODAY = new Date('2026-11-27T00:00:00Z');
const HAN = /\p{Script=Han}/u;

function flatten(groups: Group[], parent = ''): { path: string; group: Group }[] {
  return groups.flatMap((group) => {
    const groupPath = `${parent}/${group.name}`;
    return [{ path: groupPath, group }, ...flatten(group.subGroups ?? [], groupPath)];
  });
}
const groupsByPath = new Map(flatten(realm.groups).map(({ path: groupPath, group }) => [groupPath, group]));
const level = (groupPath: string) => groupsByPath.get(groupPath)?.attributes?.level?.[0];
const people = realm.users.filter((user) => !user.serviceAccountClientId);
const client = (clientId: string) => {
  const found = realm.clients.find((candidate) => candidate.clientId === clientId);
  if (!found) throw new Error(`client ${clientId} missing`);
  return found;
};
const userProfile = () => {
  const component = realm.components['org.keycloak.userprofile.UserProfileProvider']?.[0];
  const config = component?.config['kc.user.profile.config']?.[0];
  if (!config) throw new Error('declarative user profile missing');
  return JSON.parse(config) as { attributes: UserProfileAttribute[]; unmanagedAttributePolicy?: string };
};

describe('gov realm: roles and departments', () => {
  it('declares exactly the platform roles of @gov/contracts, each described in Chinese', () => {
    expect(realm.realm).toBe('gov');
    expect(realm.roles.realm.map((role) => role.name).sort()).toEqual([...ROLES].sort());
    for (const role of realm.roles.realm) expect(role.description, role.name).toMatch(HAN);
  });

  it('arranges departments as city → district → street → community, each with a level and a unique code', () => {
    expect(level('/沈阳市')).toBe('city');
    expect(level('/沈阳市/和平区')).toBe('district');
    expect(level('/沈阳市/和平区/太原街街道')).toBe('street');
    expect(level('/沈阳市/和平区/太原街街道/北市社区')).toBe('community');

    const codes = [...groupsByPath.values()].map((group) => group.attributes?.code?.[0]);
    expect(codes.every((code) => typeof code === 'string' && code.length > 0)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    for (const groupPath of groupsByPath.keys()) expect(['city', 'district', 'street', 'community'], groupPath).toContain(level(groupPath));
  });

  it('has the city bureaus under 沈阳市 at city level', () => {
    const bureaus = ['市场监督管理局', '公安局', '人力资源和社会保障局', '医疗保障局', '卫生健康委员会', '民政局', '自然资源局', '住房和城乡建设局', '生态环境局', '消防救援支队', '政务服务办公室'];
    for (const bureau of bureaus) expect(level(`/沈阳市/${bureau}`), bureau).toBe('city');
  });
});

describe('gov realm: demo users', () => {
  it('gives every role at least one demo user', () => {
    for (const role of ROLES) expect(people.some((user) => user.realmRoles?.includes(role)), role).toBe(true);
  });

  it('lets every demo user log in with demo1234 without a required action', () => {
    for (const user of people) {
      expect(user.enabled, user.username).toBe(true);
      expect(user.emailVerified, user.username).toBe(true);
      expect(user.credentials, user.username).toEqual([{ type: 'password', value: 'demo1234', temporary: false }]);
      expect(`${user.lastName ?? ''}${user.firstName ?? ''}`, user.username).toMatch(HAN);
      expect(user.email, user.username).toMatch(/@example\.(gov\.cn|com)$/);
    }
  });

  it('gives every citizen a valid GB 11643 ID number', () => {
    const citizens = people.filter((user) => user.realmRoles?.includes('citizen'));
    expect(citizens.map((user) => user.username)).toEqual(expect.arrayContaining(['citizen1', 'citizen2']));
    for (const citizen of citizens) {
      const idNumber = citizen.attributes?.idNumber?.[0] ?? '';
      expect(checkIdNumber(idNumber, TODAY), citizen.username).toMatchObject({ valid: true });
    }
  });

  it('has an enterprise user acting for a company with a valid unified social credit code', () => {
    const enterprise = people.find((user) => user.username === 'enterprise1');
    expect(enterprise?.realmRoles).toContain('citizen');
    expect(checkCreditCode(enterprise?.attributes?.creditCode?.[0] ?? '')).toMatchObject({ valid: true });
    expect(enterprise?.attributes?.companyName?.[0]).toMatch(HAN);
  });

  it('puts approvers in at least three departments, and every member in an existing group', () => {
    const approverDepartments = new Set(people.filter((user) => user.realmRoles?.includes('approver')).flatMap((user) => user.groups ?? []));
    expect(approverDepartments.size).toBeGreaterThanOrEqual(3);
    for (const user of people) {
      for (const groupPath of user.groups ?? []) expect(groupsByPath.has(groupPath), `${user.username} → ${groupPath}`).toBe(true);
    }
  });

  it('places staff who act for a department in one, and citizens in none', () => {
    for (const user of people) {
      const isStaff = user.realmRoles?.some((role) => ['clerk', 'approver', 'dept-admin', 'supervisor'].includes(role));
      if (isStaff) expect(user.groups?.length, user.username).toBeGreaterThan(0);
      if (user.realmRoles?.includes('citizen')) expect(user.groups ?? [], user.username).toEqual([]);
    }
  });
});

describe('gov realm: user profile', () => {
  it('declares idNumber (公民身份号码), editable by admins only, with an 18-character pattern', () => {
    const idNumber = userProfile().attributes.find((attribute) => attribute.name === 'idNumber');
    expect(idNumber?.displayName).toBe('公民身份号码');
    expect(idNumber?.permissions?.edit).toEqual(['admin']);
    const pattern = new RegExp(idNumber?.validations?.pattern?.pattern ?? '$^');
    expect(pattern.test('210102198503121239')).toBe(true);
    expect(pattern.test('21010219900101123x')).toBe(true);
    expect(pattern.test('21010219850312123')).toBe(false);
    expect(pattern.test('2101021985031212391')).toBe(false);
  });

  it('declares creditCode (统一社会信用代码) and companyName, editable by admins only', () => {
    const creditCode = userProfile().attributes.find((attribute) => attribute.name === 'creditCode');
    expect(creditCode?.permissions?.edit).toEqual(['admin']);
    expect(new RegExp(creditCode?.validations?.pattern?.pattern ?? '$^').test('91350100M000100Y43')).toBe(true);
    expect(userProfile().attributes.find((attribute) => attribute.name === 'companyName')?.permissions?.edit).toEqual(['admin']);
  });

  it('keeps the usual attributes', () => {
    const names = userProfile().attributes.map((attribute) => attribute.name);
    expect(names).toEqual(expect.arrayContaining(['username', 'email', 'firstName', 'lastName', 'idNumber']));
  });
});

describe('gov realm: clients', () => {
  it('lets the SPA use only the authorization-code flow with PKCE S256 from the dev and e2e origins', () => {
    const web = client('gov-web');
    expect(web.publicClient).toBe(true);
    expect(web.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(web).toMatchObject({ standardFlowEnabled: true, implicitFlowEnabled: false, directAccessGrantsEnabled: false, serviceAccountsEnabled: false });
    expect(web.redirectUris).toEqual(expect.arrayContaining(['http://localhost:3000/*', 'http://127.0.0.1:3000/*', 'http://localhost:3100/*', 'http://127.0.0.1:3100/*']));
    expect(web.webOrigins).toEqual(['+']);
    expect(web.attributes?.['post.logout.redirect.uris']).toBe('+');
  });

  it('maps the API audience, full group paths and the ID number into SPA access tokens', () => {
    const mappers = client('gov-web').protocolMappers ?? [];
    const mapper = (type: string) => mappers.find((candidate) => candidate.protocolMapper === type)?.config;
    expect(mapper('oidc-audience-mapper')).toMatchObject({ 'included.client.audience': 'gov-api', 'access.token.claim': 'true' });
    expect(mapper('oidc-group-membership-mapper')).toMatchObject({ 'claim.name': 'groups', 'full.path': 'true', 'access.token.claim': 'true' });
    const attributeMappers = mappers.filter((candidate) => candidate.protocolMapper === 'oidc-usermodel-attribute-mapper').map((m) => m.config);
    for (const attribute of ['idNumber', 'creditCode', 'companyName']) {
      expect(attributeMappers).toContainEqual(expect.objectContaining({ 'user.attribute': attribute, 'claim.name': attribute, 'access.token.claim': 'true' }));
    }
  });

  it('keeps the API a flowless audience and gives the worker a service account', () => {
    expect(client('gov-api')).toMatchObject({ publicClient: false, standardFlowEnabled: false, directAccessGrantsEnabled: false, serviceAccountsEnabled: false });
    expect(client('gov-worker')).toMatchObject({ publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false, secret: 'gov-worker-dev-secret' });
    const serviceAccount = realm.users.find((user) => user.serviceAccountClientId === 'gov-worker');
    expect(serviceAccount?.clientRoles?.['gov-api']).toEqual(['service']);
  });
});

describe('gov realm: security settings', () => {
  it('turns on brute-force protection, login and admin events and short access tokens', () => {
    expect(realm).toMatchObject({ bruteForceProtected: true, permanentLockout: false, eventsEnabled: true, adminEventsEnabled: true });
    expect(realm.failureFactor).toBeGreaterThanOrEqual(3);
    expect(realm.eventsExpiration).toBeGreaterThan(0);
    expect(realm.accessTokenLifespan).toBeLessThanOrEqual(300);
  });

  it('speaks Chinese by default and English on request', () => {
    expect(realm).toMatchObject({ internationalizationEnabled: true, defaultLocale: 'zh-CN' });
    expect(realm.supportedLocales).toEqual(expect.arrayContaining(['zh-CN', 'en']));
  });
});
