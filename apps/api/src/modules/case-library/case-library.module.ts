import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { CaseLibraryController } from './case-library.controller.js';
import { CaseLibraryRepository } from './case-library.repository.js';
import { CaseLibraryService } from './case-library.service.js';

/** 办件库 (R19): search and export of all cases for authorised roles (issue 8). */
@Module({ imports: [CalendarModule], controllers: [CaseLibraryController], providers: [CaseLibraryRepository, CaseLibraryService] })
export class CaseLibraryModule {}
