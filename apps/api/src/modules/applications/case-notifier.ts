// Tells the applicant about every change of their case: in-app (the notification table) and by
// SMS / e-mail through the outbound port. The default adapter writes what it would send to the log.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationsRepository } from './applications.repository.js';

export interface OutboundMessage {
  channel: 'sms' | 'mail';
  recipientSubject: string;
  caseNumber: string | null;
  title: string;
  body: string;
}

/** SMS and e-mail gateways implement this port. */
export interface OutboundNotificationPort {
  send(message: OutboundMessage): Promise<void>;
}
export const OUTBOUND_NOTIFICATIONS = Symbol('OUTBOUND_NOTIFICATIONS');

export class LogNotificationAdapter implements OutboundNotificationPort {
  private readonly logger = new Logger('Notifications');

  send(message: OutboundMessage): Promise<void> {
    this.logger.log({ channel: message.channel, recipient: message.recipientSubject, caseNumber: message.caseNumber, title: message.title }, 'notification (log adapter)');
    return Promise.resolve();
  }
}

@Injectable()
export class CaseNotifier {
  private readonly logger = new Logger('CaseNotifier');

  constructor(
    @Inject(ApplicationsRepository) private readonly repository: ApplicationsRepository,
    @Inject(OUTBOUND_NOTIFICATIONS) private readonly outbound: OutboundNotificationPort,
  ) {}

  /** The in-app notice is part of the caller's transaction; SMS / mail go out after, best effort. */
  async notify(db: EntityManager, message: { recipientSubject: string; applicationId: string; caseNumber: string | null; title: string; body: string; at: Date }): Promise<() => void> {
    await this.repository.insertNotification({ ...message }, db);
    return () => {
      this.outbound.send({ channel: 'sms', recipientSubject: message.recipientSubject, caseNumber: message.caseNumber, title: message.title, body: message.body })
        .catch((error: unknown) => this.logger.warn({ err: error, caseNumber: message.caseNumber }, 'SMS notification failed'));
    };
  }
}
