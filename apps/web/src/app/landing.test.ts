import { AREAS, type Role, areasFor } from '@gov/contracts';
import { describe, expect, it } from 'vitest';
import { landingPathFor, navigationAreas } from './landing';

describe('landingPathFor', () => {
  it.each<[Role, string]>([
    ['citizen', '/portal'],
    ['clerk', '/counter'],
    ['approver', '/inbox'],
    ['dept-admin', '/inbox'],
    ['supervisor', '/inbox'],
    ['designer', '/designer'],
    ['admin', '/admin'],
  ])('sends a %s to %s', (role, path) => {
    expect(landingPathFor([role])).toBe(path);
  });

  it('uses the first role in landing order when a user has several', () => {
    // given roles listed in an order different from the landing order
    const roles: Role[] = ['admin', 'designer', 'clerk'];
    // then the clerk's counter wins over designer and admin
    expect(landingPathFor(roles)).toBe('/counter');
    expect(landingPathFor(['admin', 'supervisor'])).toBe('/inbox');
    expect(landingPathFor(['admin', 'citizen'])).toBe('/portal');
  });

  it('has no landing for a user without platform roles', () => {
    expect(landingPathFor([])).toBeUndefined();
  });

  it('always lands inside an area the role may use', () => {
    for (const role of ['citizen', 'clerk', 'approver', 'dept-admin', 'supervisor', 'designer', 'admin'] satisfies Role[]) {
      const path = landingPathFor([role]);
      expect(areasFor([role]).map((area) => `/${area}`)).toContain(path);
    }
  });
});

describe('navigationAreas', () => {
  it('shows anonymous visitors only the public portal', () => {
    expect(navigationAreas(undefined)).toEqual(['portal']);
  });

  it('shows a logged-in user exactly the areas the server granted, in menu order', () => {
    expect(navigationAreas({ areas: ['analytics', 'inbox', 'admin'] })).toEqual(['inbox', 'admin', 'analytics']);
    expect(navigationAreas({ areas: ['counter'] })).toEqual(['counter']);
  });

  it('shows no areas to a logged-in user without any', () => {
    expect(navigationAreas({ areas: [] })).toEqual([]);
  });

  it('knows every area of the contracts', () => {
    expect(navigationAreas({ areas: [...AREAS] })).toEqual([...AREAS]);
  });
});
