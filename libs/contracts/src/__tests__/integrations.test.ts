import { describe, expect, it } from 'vitest';
import { canonicalJson, DEPARTMENTS, departmentCodeSchema, deptEventSchema, signedPayload } from '../integrations.js';

describe('canonicalJson', () => {
  it('gives the same text whatever the key order and whitespace of the sender', () => {
    const a = JSON.parse('{"b": 1, "a": {"y": [1, {"d": 2, "c": 3}], "x": "注册"}}');
    const b = JSON.parse('{"a":{"x":"注册","y":[1,{"c":3,"d":2}]},"b":1}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"注册","y":[1,{"c":3,"d":2}]},"b":1}');
  });

  it('differs when any value differs, and leaves out undefined members as JSON does', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: null, b: undefined })).toBe('{"a":null}');
    expect(signedPayload('1700000000', { a: 1 })).toBe('1700000000.{"a":1}');
  });
});

describe('departments', () => {
  it('lists the ten simulated departments with codes the schema accepts', () => {
    expect(DEPARTMENTS).toHaveLength(10);
    for (const d of DEPARTMENTS) expect(departmentCodeSchema.parse(d.code)).toBe(d.code);
    expect(departmentCodeSchema.options).toHaveLength(DEPARTMENTS.length);
  });

  it('rejects a department event with unknown members or a bad case number', () => {
    const event = { eventId: 'evt-00000001', type: 'application.decided', caseNumber: 'SY 1', applicationId: 'A', status: 'approved', occurredAt: '2026-11-27T10:00:00Z' };
    expect(deptEventSchema.safeParse(event).success).toBe(false);
    expect(deptEventSchema.safeParse({ ...event, caseNumber: 'SY-2026-1' }).success).toBe(true);
    expect(deptEventSchema.safeParse({ ...event, caseNumber: 'SY-2026-1', extra: 1 }).success).toBe(false);
  });
});
