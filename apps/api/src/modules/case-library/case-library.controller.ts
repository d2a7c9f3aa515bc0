import { Controller, Get, Header, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { type CaseFilters, caseExportSchema, type CaseLibraryPage, type CaseSearch, caseSearchSchema } from './case-library.schemas.js';
import { CaseLibraryService } from './case-library.service.js';

/** 办件库 (R19). A case is opened with GET /api/applications/{id}, which applies the same department rule. */
@ApiTags('case-library')
@ApiBearerAuth()
@Controller('cases')
@Roles('supervisor', 'admin', 'dept-admin', 'approver')
export class CaseLibraryController {
  constructor(@Inject(CaseLibraryService) private readonly cases: CaseLibraryService) {}

  @Get()
  @ApiOperation({ summary: 'Search cases by case number, applicant ID number (exact), item, department, status and submission dates; newest first (dept-admins and approvers: their departments\' cases)' })
  search(@CurrentUser() principal: Principal, @Query(new ZodPipe(caseSearchSchema, 'case query')) query: CaseSearch): Promise<CaseLibraryPage> {
    return this.cases.search(principal, query, new Date());
  }

  @Get('export.csv')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same search as CSV (UTF-8 with BOM for Excel), at most 10 000 cases' })
  async export(@CurrentUser() principal: Principal, @Query(new ZodPipe(caseExportSchema, 'case query')) filters: CaseFilters): Promise<StreamableFile> {
    const now = new Date();
    const { csv } = await this.cases.exportCsv(principal, filters, now);
    const name = `cases-${now.toISOString().slice(0, 10)}.csv`;
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${name}"` });
  }
}
