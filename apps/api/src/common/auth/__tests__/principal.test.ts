import { describe, expect, it } from 'vitest';
import { principalFromClaims } from '../principal.js';

describe('principal from token claims', () => {
  it('writes a Chinese name family name first without a space', () => {
    const principal = principalFromClaims({ sub: 's', given_name: '伟', family_name: '张', name: '伟 张' });
    expect(principal.name).toBe('张伟');
  });

  it('keeps a Western name in Keycloak\'s given-family order', () => {
    expect(principalFromClaims({ sub: 's', given_name: 'Ada', family_name: 'Lovelace', name: 'Ada Lovelace' }).name).toBe('Ada Lovelace');
  });

  it('falls back to the username when the token has no name at all', () => {
    expect(principalFromClaims({ sub: 's', preferred_username: 'svc' }).name).toBe('svc');
  });

  it('treats missing groups and ID number as none, and ignores roles outside the realm model', () => {
    const principal = principalFromClaims({ sub: 's', realm_access: { roles: ['citizen', 'offline_access', 'uma_authorization'] } });
    expect(principal.roles).toEqual(['citizen']);
    expect(principal.departments).toEqual([]);
    expect(principal.idNumber).toBeNull();
  });

  it('keeps a valid ID number, normalised, and drops one that fails the GB 11643 checksum', () => {
    expect(principalFromClaims({ sub: 's', idNumber: '11010519491231002x' }).idNumber).toBe('11010519491231002X');
    expect(principalFromClaims({ sub: 's', idNumber: '210102199003071234' }).idNumber).toBeNull();
  });

  it('reads the company an enterprise user acts for, and ignores a credit code that fails the GB 32100 check', () => {
    expect(principalFromClaims({ sub: 's', creditCode: '91350100m000100y43', companyName: '某某有限公司' }).company).toEqual({ creditCode: '91350100M000100Y43', name: '某某有限公司' });
    expect(principalFromClaims({ sub: 's', creditCode: '91350100M000100Y44', companyName: '某某有限公司' }).company).toBeNull();
    expect(principalFromClaims({ sub: 's' }).company).toBeNull();
  });

  it('reads departments from full group paths', () => {
    const principal = principalFromClaims({ sub: 's', groups: ['/沈阳市/和平区/太原街街道'] });
    expect(principal.departments).toEqual([{ path: '/沈阳市/和平区/太原街街道', name: '太原街街道' }]);
  });
});

describe('service accounts', () => {
  it('marks a token holding the API client role "service" as a service account, and no other', () => {
    expect(principalFromClaims({ sub: 's', resource_access: { 'gov-api': { roles: ['service'] } } }).serviceAccount).toBe(true);
    expect(principalFromClaims({ sub: 's', resource_access: { 'gov-web': { roles: ['service'] } } }).serviceAccount).toBe(false);
    expect(principalFromClaims({ sub: 's', resource_access: { 'other-api': { roles: ['service'] } } }, 'other-api').serviceAccount).toBe(true);
    expect(principalFromClaims({ sub: 's', realm_access: { roles: ['service'] } }).serviceAccount).toBe(false);
  });
});
