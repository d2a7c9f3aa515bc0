import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { InboxModule } from '../inbox/inbox.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { DeadlineWatcher } from './deadline-watcher.js';
import { SupervisionController } from './supervision.controller.js';
import { SupervisionRepository } from './supervision.repository.js';
import { SupervisionService } from './supervision.service.js';

@Module({
  imports: [ApplicationsModule, InboxModule, StaffModule],
  controllers: [SupervisionController],
  providers: [SupervisionRepository, SupervisionService, DeadlineWatcher],
})
export class SupervisionModule {}
