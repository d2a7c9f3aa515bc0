import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { InboxEvents } from './inbox-events.js';
import { InboxPreferences, InboxPreferencesController } from './inbox-preferences.js';
import { InboxSyncWorker } from './inbox-sync.worker.js';
import { InboxController } from './inbox.controller.js';
import { InboxRepository } from './inbox.repository.js';
import { InboxService } from './inbox.service.js';
import { ListenerInbox } from './listener-inbox.js';

@Module({
  imports: [ApplicationsModule, StaffModule],
  controllers: [InboxController, InboxPreferencesController],
  providers: [InboxRepository, InboxService, InboxSyncWorker, InboxEvents, InboxPreferences, ListenerInbox],
  exports: [InboxRepository],
})
export class InboxModule {}
