import { Module } from '@nestjs/common';
import { PublicInfoAdminController, PublicInfoController } from './public-info.controller.js';
import { PublicInfoService } from './public-info.service.js';

/** Public disclosure beside the catalogue (R3): laws and policies, notices, complaint channels, intermediaries. */
@Module({ controllers: [PublicInfoController, PublicInfoAdminController], providers: [PublicInfoService] })
export class PublicInfoModule {}
