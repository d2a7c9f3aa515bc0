// Notifications (SMS, app push, mail) behind one port; dev and tests use the log adapter.

export interface Notification {
  /** Idempotency key: the same key is delivered once. */
  key: string;
  channel: 'sms' | 'app' | 'mail';
  recipient: { name?: string | undefined; idNumber?: string | undefined; phone?: string | undefined };
  template: string;
  params: Record<string, string>;
}

export interface NotificationPort {
  send(notification: Notification): Promise<{ messageId: string }>;
}

/** Writes each notification as one JSON log line; remembers keys so a redelivered job sends nothing twice. */
export class LogNotificationAdapter implements NotificationPort {
  private readonly sent = new Map<string, string>();
  readonly delivered: Notification[] = [];

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  send(notification: Notification): Promise<{ messageId: string }> {
    const existing = this.sent.get(notification.key);
    if (existing) return Promise.resolve({ messageId: existing });
    const messageId = `log-${this.sent.size + 1}`;
    this.sent.set(notification.key, messageId);
    this.delivered.push(notification);
    // Logs are read by more people than case files: ID and phone numbers are masked.
    const { idNumber, phone } = notification.recipient;
    const recipient = { ...notification.recipient, idNumber: mask(idNumber), phone: mask(phone) };
    this.write(JSON.stringify({ notification: { messageId, ...notification, recipient } }));
    return Promise.resolve({ messageId });
  }
}

function mask(value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;
}
