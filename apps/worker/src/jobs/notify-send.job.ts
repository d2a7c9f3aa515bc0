// notify.send: tells an applicant about progress through the notification port.
// Task headers: `template` (e.g. application.accepted), `channel` (sms | app | mail, default sms).
import { z } from 'zod';
import type { NotificationPort } from '../notifications/notification.port.js';
import { stringHeader } from './headers.js';
import { FatalJobError } from './job-errors.js';
import type { JobHandler } from './job-handler.js';

const variables = z.object({
  caseNumber: z.string().min(1),
  applicant: z.object({ name: z.string().optional(), idNumber: z.string().optional(), phone: z.string().optional() }),
  notifyParams: z.record(z.string(), z.string()).default({}),
});
const channelSchema = z.enum(['sms', 'app', 'mail']).default('sms');

export function notifySendJob(port: NotificationPort, timeoutMs: number): JobHandler<typeof variables> {
  return {
    type: 'notify.send',
    variables,
    timeoutMs,
    async handle(job) {
      const template = stringHeader(job.headers, 'template');
      if (!template) throw new FatalJobError('Task header "template" is required');
      const channel = channelSchema.safeParse(stringHeader(job.headers, 'channel') ?? undefined);
      if (!channel.success) throw new FatalJobError('Task header "channel" must be sms, app or mail');
      const { messageId } = await port.send({
        key: job.key, channel: channel.data, recipient: job.variables.applicant, template,
        params: { caseNumber: job.variables.caseNumber, ...job.variables.notifyParams },
      });
      return { lastNotification: { messageId, template } };
    },
  };
}
