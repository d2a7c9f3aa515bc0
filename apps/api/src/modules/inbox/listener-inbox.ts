// The inbox writes of the task listener jobs go through a pool of their own. A decision completes
// its step inside a transaction, and the engine answers the completion only once the step's
// completing listener has run (Camunda: "completion waits for blocking task listeners"); that
// listener is served by this process and writes the inbox row. On the shared pool, as many
// decisions at once as the pool has connections would each hold one while their listeners wait
// for another: nothing would move until the pool's timeout.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { InboxRepository } from './inbox.repository.js';

/** Connections of the listeners' pool: their writes take a millisecond each. */
const LISTENER_POOL_SIZE = 2;

@Injectable()
export class ListenerInbox implements OnApplicationShutdown {
  private dataSource: DataSource | null = null;
  private repository: Promise<InboxRepository> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The inbox repository on the listeners' own pool (connected on first use). */
  inbox(): Promise<InboxRepository> {
    this.repository ??= (async () => {
      const dataSource = new DataSource({
        type: 'postgres', url: this.config.databaseUrl, logging: ['error'],
        extra: { max: LISTENER_POOL_SIZE, application_name: 'gov-api-listeners', connectionTimeoutMillis: 15_000, idle_in_transaction_session_timeout: 60_000 },
      });
      this.dataSource = await dataSource.initialize();
      return new InboxRepository(this.dataSource);
    })();
    this.repository.catch(() => { this.repository = null; }); // a failed connect is tried again on the next job
    return this.repository;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dataSource?.destroy().catch(() => undefined);
  }
}
