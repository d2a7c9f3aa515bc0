// Live inbox: every API process LISTENs on the inbox channel and forwards each change to the
// server-sent-event streams of the people whose departments the task belongs to, so a task taken
// by a colleague leaves everyone's shared view without a reload.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { Observable } from 'rxjs';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { Principal } from '../../common/auth/principal.js';
import { INBOX_CHANNEL } from './inbox.repository.js';

export const inboxChangeSchema = z.object({
  taskKey: z.string(),
  groups: z.array(z.string()),
  state: z.enum(['open', 'completed', 'canceled']),
  assignee: z.string().nullable(),
});
export type InboxChange = z.infer<typeof inboxChangeSchema>;

interface Subscriber { departments: readonly string[] | null; send: (change: InboxChange) => void }

@Injectable()
export class InboxEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InboxEvents');
  private readonly subscribers = new Set<Subscriber>();
  private client: pg.Client | null = null;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl, application_name: 'gov-api-inbox-events' });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'inbox change listener lost its connection; reconnecting');
      this.client = null;
      setTimeout(() => void this.connect().catch(() => undefined), 2000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${INBOX_CHANNEL}`);
      this.client = client;
    } catch (error: unknown) {
      this.logger.warn({ err: error }, 'inbox change listener could not connect; retrying');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.connect().catch(() => undefined), 2000).unref();
    }
  }

  private dispatch(payload: string | undefined): void {
    const parsed = inboxChangeSchema.safeParse(payload ? JSON.parse(payload) : null);
    if (!parsed.success) return;
    for (const subscriber of this.subscribers) {
      if (subscriber.departments === null || parsed.data.groups.some((g) => subscriber.departments?.includes(g))) subscriber.send(parsed.data);
    }
  }

  /** Changes of the caller's departments' tasks (all for supervisors and admins), with a heartbeat. */
  stream(principal: Principal): Observable<{ data: InboxChange | { heartbeat: true }; type: string }> {
    const departments = principal.roles.includes('supervisor') || principal.roles.includes('admin') ? null : principal.departments.map((d) => d.path);
    return new Observable((observer) => {
      const subscriber: Subscriber = { departments, send: (change) => observer.next({ type: 'task', data: change }) };
      this.subscribers.add(subscriber);
      const heartbeat = setInterval(() => observer.next({ type: 'heartbeat', data: { heartbeat: true } }), 25_000);
      return () => {
        clearInterval(heartbeat);
        this.subscribers.delete(subscriber);
      };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }
}
