import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/ApiError';
import {
  decisionInput,
  decisionIssues,
  decodeTarget,
  departmentLabel,
  departmentOpinions,
  dueState,
  encodeTarget,
  explainedCode,
  inboxQueryString,
  listStateFromUrl,
  listStateToUrl,
  type ProblemDraft,
  taskIsGone,
} from './inboxModel';

const problem = (id: number, target: string, reason: string, rule = ''): ProblemDraft => ({ id, target, reason, rule });

describe('list state', () => {
  it('defaults to the department view sorted by due date, page 1', () => {
    expect(listStateFromUrl(new URLSearchParams())).toEqual({ view: 'department', sort: 'due', page: 1, filters: {} });
  });

  it('reads view, sort, page and filters from the URL and ignores junk', () => {
    const state = listStateFromUrl(new URLSearchParams('view=mine&sort=age&page=3&stage=pre-review&item=210100-GG-00003-C&caseNumber=%20X1%20&department=/沈阳市/公安局'));
    expect(state).toEqual({ view: 'mine', sort: 'age', page: 3, filters: { stage: 'pre-review', item: '210100-GG-00003-C', caseNumber: 'X1', department: '/沈阳市/公安局' } });
    expect(listStateFromUrl(new URLSearchParams('view=everything&sort=random&page=-2&stage=final'))).toEqual({ view: 'department', sort: 'due', page: 1, filters: {} });
  });

  it("keeps the applicant's name out of the URL but sends it to the API", () => {
    const state = listStateFromUrl(new URLSearchParams('view=overdue'), ' 张伟 ');
    expect(state.filters.applicant).toBe('张伟');
    expect(listStateToUrl(state).toString()).toBe('view=overdue');
    expect(new URLSearchParams(inboxQueryString(state)).get('applicant')).toBe('张伟');
  });

  it('round-trips through the URL, leaving defaults out', () => {
    const state = listStateFromUrl(new URLSearchParams('view=due-soon&page=2&stage=approval'));
    expect(listStateToUrl(state).toString()).toBe('view=due-soon&page=2&stage=approval');
    expect(listStateToUrl(listStateFromUrl(new URLSearchParams())).toString()).toBe('');
  });

  it('keeps date and priority filters that are well formed, in the URL and the API query', () => {
    const state = listStateFromUrl(new URLSearchParams('createdFrom=2026-11-01&createdTo=2026-11-30&dueBy=2026-12-05&minPriority=80'));
    expect(state.filters).toEqual({ createdFrom: '2026-11-01', createdTo: '2026-11-30', dueBy: '2026-12-05', minPriority: '80' });
    expect(listStateToUrl(state).toString()).toBe('createdFrom=2026-11-01&createdTo=2026-11-30&dueBy=2026-12-05&minPriority=80');
    expect(inboxQueryString(state)).toContain('dueBy=2026-12-05');
    const junk = listStateFromUrl(new URLSearchParams('createdFrom=yesterday&dueBy=2026-13&minPriority=500'));
    expect(junk.filters).toEqual({});
  });

  it('builds the API query with view, sort, page and page size', () => {
    expect(inboxQueryString({ view: 'mine', sort: 'priority', page: 2, filters: { item: 'A' } })).toBe('view=mine&sort=priority&page=2&pageSize=20&item=A');
  });
});

describe('dueState', () => {
  const now = new Date('2026-03-02T10:00:00+08:00');

  it('counts calendar days left on China dates', () => {
    expect(dueState('2026-03-05T23:59:59.999+08:00', now)).toEqual({ kind: 'left', days: 3 });
    expect(dueState('2026-03-02T23:59:59.999+08:00', now)).toEqual({ kind: 'today' });
    // 00:30 in China is still the previous day in UTC: the China date counts.
    expect(dueState('2026-03-02T16:30:00Z', now)).toEqual({ kind: 'left', days: 1 });
  });

  it('says how many days a task is overdue, at least one once past due', () => {
    expect(dueState('2026-02-27T23:59:59.999+08:00', now)).toEqual({ kind: 'overdue', days: 3 });
    expect(dueState('2026-03-02T09:00:00+08:00', now)).toEqual({ kind: 'overdue', days: 1 });
  });

  it('has nothing to say without a due date', () => {
    expect(dueState(null, now)).toEqual({ kind: 'none' });
    expect(dueState('not a date', now)).toEqual({ kind: 'none' });
  });
});

describe('departmentLabel', () => {
  it('names known departments with the city and unknown paths by their segments', () => {
    expect(departmentLabel('/沈阳市/公安局')).toBe('沈阳市公安局');
    expect(departmentLabel('/沈阳市/和平区/南市场街道')).toBe('沈阳市和平区南市场街道');
    expect(departmentLabel('psb')).toBe('psb');
  });
});

describe('conflicts', () => {
  it("explains the inbox's conflict codes and nothing else", () => {
    expect(explainedCode(new ApiError({ status: 409, code: 'TASK_TAKEN', title: 'Conflict' }))).toBe('TASK_TAKEN');
    expect(explainedCode(new ApiError({ status: 500, code: 'INTERNAL', title: 'Oops' }))).toBeUndefined();
    expect(explainedCode(new Error('TASK_TAKEN'))).toBeUndefined();
  });

  it('sends the approver back to the list when the task is no longer theirs to decide', () => {
    expect(taskIsGone('TASK_TAKEN')).toBe(true);
    expect(taskIsGone('TASK_ALREADY_DECIDED')).toBe(true);
    expect(taskIsGone('TASK_NOT_FOUND')).toBe(true); // decided, the inbox table not yet in step
    expect(taskIsGone('APPLICATION_CHANGED')).toBe(false);
    expect(taskIsGone(undefined)).toBe(false);
  });
});

describe('correction targets', () => {
  it('encodes and decodes materials, fields and other', () => {
    for (const target of [{ kind: 'material', materialId: 'photo' }, { kind: 'field', key: 'contact.phone' }, { kind: 'other' }] as const) {
      expect(decodeTarget(encodeTarget(target))).toEqual(target);
    }
    expect(decodeTarget('')).toBeUndefined();
    expect(decodeTarget('material:')).toBeUndefined();
    expect(decodeTarget('something')).toBeUndefined();
  });
});

describe('decisionIssues', () => {
  it('lets an approval through without an opinion', () => {
    expect(decisionIssues('approve', '', [])).toEqual([]);
  });

  it('requires an opinion to reject', () => {
    expect(decisionIssues('reject', ' 否 ', [])).toEqual([{ kind: 'opinion' }]);
    expect(decisionIssues('reject', '不符合条件', [])).toEqual([]);
  });

  it('lists every problem of a correction at once: opinion, missing target, missing reason', () => {
    expect(decisionIssues('correct', '', [problem(1, '', ''), problem(2, 'material:photo', '请重新上传')])).toEqual([
      { kind: 'opinion' },
      { kind: 'target', number: 1 },
      { kind: 'reason', number: 1 },
    ]);
  });

  it('refuses a correction notice without problems', () => {
    expect(decisionIssues('correct', '需补正', [])).toEqual([{ kind: 'noProblems' }]);
  });

  it('flags the same problem entered twice', () => {
    expect(decisionIssues('correct', '需补正', [problem(1, 'field:address', '写明门牌号'), problem(2, 'field:address', ' 写明门牌号 ')])).toEqual([
      { kind: 'duplicate', number: 2, other: 1 },
    ]);
  });
});

describe('decisionInput', () => {
  it('sends every problem of a correction with trimmed text and no empty rule', () => {
    expect(decisionInput('correct', ' 材料需补正 ', [problem(1, 'material:photo', ' 照片须为白底 ', ' 第十条 '), problem(2, 'field:address', '写明门牌号')], true)).toEqual({
      decision: 'correct',
      opinion: '材料需补正',
      problems: [
        { target: { kind: 'material', materialId: 'photo' }, reason: '照片须为白底', rule: '第十条' },
        { target: { kind: 'field', key: 'address' }, reason: '写明门牌号', rule: null },
      ],
      visibleToApplicant: true,
    });
  });

  it('drops drafted problems when the decision is not a correction', () => {
    expect(decisionInput('approve', '', [problem(1, 'other', '无关')], false)).toEqual({ decision: 'approve', opinion: '', problems: [], visibleToApplicant: false });
  });
});

describe('departmentOpinions', () => {
  it("keeps staff events with a department's text and drops the rest", () => {
    const at = '2026-03-02T02:00:00Z';
    const opinions = departmentOpinions([
      { at, kind: 'submitted', actorName: '张伟', actorRole: 'applicant', department: null, text: null, attachments: [] },
      { at, kind: 'accepted', actorName: '李警官', actorRole: 'staff', department: '/沈阳市/公安局', text: '材料齐全，予以受理', attachments: [] },
      { at, kind: 'department-decided', actorName: '王科长', actorRole: 'staff', department: '/沈阳市/市场监督管理局', text: ' ', attachments: [] },
      { at, kind: 'auto-checked', actorName: '系统', actorRole: 'system', department: '/沈阳市/公安局', text: '核验通过', attachments: [] },
    ]);
    expect(opinions.map((event) => event.text)).toEqual(['材料齐全，予以受理']);
  });
});
