import { describe, expect, it } from 'vitest';
import { LogNotificationAdapter } from '../notifications/notification.port.js';

describe('LogNotificationAdapter', () => {
  const notification = { key: '42', channel: 'sms' as const, recipient: { name: '张伟', idNumber: '210102199003071233', phone: '13800000000' }, template: 'application.completed', params: { caseNumber: 'SY-1' } };

  it('delivers a notification once per key, however often the job is delivered', async () => {
    const lines: string[] = [];
    const adapter = new LogNotificationAdapter((line) => lines.push(line));
    const first = await adapter.send(notification);
    const again = await adapter.send(notification);
    expect(again.messageId).toBe(first.messageId);
    expect(lines).toHaveLength(1);
    expect(adapter.delivered).toHaveLength(1);
  });

  it('masks ID and phone numbers in the log line', async () => {
    const lines: string[] = [];
    await new LogNotificationAdapter((line) => lines.push(line)).send(notification);
    expect(lines[0]).not.toContain('210102199003071233');
    expect(lines[0]).not.toContain('13800000000');
    expect(lines[0]).toContain('**************1233');
  });
});
