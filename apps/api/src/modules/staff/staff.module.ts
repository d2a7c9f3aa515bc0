import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { StaffDirectory } from './staff-directory.js';
import { StaffSeenInterceptor } from './staff-seen.interceptor.js';
import { StaffController } from './staff.controller.js';

@Module({
  controllers: [StaffController],
  providers: [StaffDirectory, { provide: APP_INTERCEPTOR, useClass: StaffSeenInterceptor }],
  exports: [StaffDirectory],
})
export class StaffModule {}
