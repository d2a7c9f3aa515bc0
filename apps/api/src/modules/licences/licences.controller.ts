import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ApplicationView, type AutofillConsent, autofillConsentInputSchema, type DataUse, type FillFromWallet, fillFromWalletSchema, type DepartmentQuery, departmentQuerySchema, type ELicence, type LicenceOffer, type LicenceStatusChange, licenceStatusChangeSchema,
  type LicenceType, type LicenceTypeInput, licenceTypeInputSchema, type ShareLink, type ShareLinkInput, shareLinkInputSchema, type UseLicenceInput, useLicenceInputSchema, type Verification,
} from '@gov/contracts';
import { z } from 'zod';
import { ValidationError } from '../../common/app-error.js';
import { CurrentUser, Public, Roles, ServiceAccount } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { LicencesService } from './licences.service.js';

const licenceNo = new ZodPipe(z.string().regex(/^[A-Z0-9]{4,40}$/, 'must be a licence number'), 'licence number');
const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });
const materialId = new ZodPipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a material id of the item'), 'material id');
const verifyQuery = new ZodPipe(z.object({ share: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a share token').optional() }).strict(), 'verification query');
const departmentPath = new ZodPipe(z.object({ department: z.string().regex(/^\/[^/]+(\/[^/]+)*$/, 'must be a department group path') }).strict(), 'key rotation');

interface UploadedPart { originalname: string; buffer: Buffer; size: number }

/** The holder's e-licence wallet (证照夹) and data-use ledger (R22, R23). */
@ApiTags('licences')
@ApiBearerAuth()
@Controller('licences')
export class LicencesController {
  constructor(@Inject(LicencesService) private readonly licences: LicencesService) {}

  @Get()
  @Roles('citizen')
  @ApiOperation({ summary: 'My e-licences and my company\'s' })
  wallet(@CurrentUser() user: Principal): Promise<ELicence[]> {
    return this.licences.wallet(user, new Date());
  }

  @Get('ledger')
  @Roles('citizen')
  @ApiOperation({ summary: 'Every use of my licences and materials: which department, which case, on what basis, when' })
  ledger(@CurrentUser() user: Principal): Promise<DataUse[]> {
    return this.licences.ledger(user);
  }

  @Get('autofill')
  @Roles('citizen')
  @ApiOperation({ summary: 'Whether new applications are filled from my wallet automatically' })
  autofill(@CurrentUser() user: Principal): Promise<AutofillConsent> {
    return this.licences.autofill(user);
  }

  @Put('autofill')
  @Roles('citizen')
  @ApiOperation({ summary: 'Give or withdraw my standing consent to fill new applications from my wallet' })
  setAutofill(@Body(new ZodPipe(autofillConsentInputSchema, 'consent')) body: { enabled: boolean }, @CurrentUser() user: Principal): Promise<AutofillConsent> {
    return this.licences.setAutofill(user, body.enabled, new Date());
  }

  @Get(':licenceNo')
  @Roles('citizen', 'dept-admin', 'admin')
  @ApiOperation({ summary: 'One of my e-licences; admins of the issuing department see its licences' })
  one(@Param('licenceNo', licenceNo) no: string, @CurrentUser() user: Principal): Promise<ELicence> {
    return this.licences.one(user, no, new Date());
  }

  @Get(':licenceNo/pdf')
  @Roles('citizen')
  @ApiOperation({ summary: 'Download the signed e-licence PDF (e-seal, QR code, embedded signature)' })
  async pdf(@Param('licenceNo', licenceNo) no: string, @CurrentUser() user: Principal): Promise<StreamableFile> {
    const { pdf, name } = await this.licences.pdf(user, no);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${name}"` });
  }

  @Post(':licenceNo/share')
  @Roles('citizen')
  @ApiOperation({ summary: 'A time-limited verification link showing the licence\'s fields' })
  share(@Param('licenceNo', licenceNo) no: string, @Body(new ZodPipe(shareLinkInputSchema, 'share link')) body: ShareLinkInput, @CurrentUser() user: Principal): Promise<ShareLink> {
    return this.licences.share(user, no, body.hours ?? 72, new Date());
  }

  @Put(':licenceNo/status')
  @Roles('dept-admin', 'admin')
  @ApiOperation({ summary: 'Suspend, reinstate or revoke a licence of my department (with reason)' })
  status(@Param('licenceNo', licenceNo) no: string, @Body(new ZodPipe(licenceStatusChangeSchema, 'status change')) body: LicenceStatusChange, @CurrentUser() user: Principal): Promise<ELicence> {
    return this.licences.changeStatus(user, no, body, new Date());
  }
}

/** Catalogue of e-licence types and key rotation. */
@ApiTags('licences')
@Controller('licence-types')
export class LicenceTypesController {
  constructor(@Inject(LicencesService) private readonly licences: LicencesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'E-licence types: issuing department, fields, validity, which materials they replace' })
  types(): Promise<LicenceType[]> {
    return this.licences.types();
  }

  @Put(':code')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create or edit a licence type (admins): department, fields, validity, layout, materials it replaces' })
  saveType(
    @Param('code', new ZodPipe(z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'lower-case letters, digits and hyphens'), 'licence type code')) code: string,
    @Body(new ZodPipe(licenceTypeInputSchema, 'licence type')) body: LicenceTypeInput,
  ): Promise<LicenceType> {
    return this.licences.saveType(code, body);
  }

  @Post('keys/rotate')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Rotate a department\'s signing key; licences signed with older keys stay verifiable' })
  rotate(@Body(departmentPath) body: { department: string }): Promise<{ keyId: string; algorithm: string; createdAt: string }> {
    return this.licences.rotateKey(body.department);
  }
}

/** Public verification (no login): by number, by share link, or an uploaded PDF. */
@ApiTags('licences')
@Controller('verify')
export class VerifyController {
  constructor(@Inject(LicencesService) private readonly licences: LicencesService) {}

  @Post('document')
  @HttpCode(200)
  @Public()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Check an e-licence PDF someone gave you: signature, unaltered bytes, status today' })
  document(@UploadedFile() file: UploadedPart | undefined): Promise<Verification> {
    if (!file) throw new ValidationError('Send the PDF as multipart/form-data in the field "file".', [{ path: 'file', message: 'required' }]);
    return this.licences.verifyDocument(file.buffer, new Date());
  }

  @Get(':licenceNo')
  @Public()
  @ApiOperation({ summary: 'Verify a licence by number (the QR code\'s link); ?share= shows the fields the holder shared' })
  byNumber(@Param('licenceNo', licenceNo) no: string, @Query(verifyQuery) query: { share?: string | undefined }): Promise<Verification> {
    return this.licences.verifyNumber(no, query.share ?? null, new Date());
  }
}

/** Reuse in applications: fill a material from the wallet. */
@ApiTags('licences')
@ApiBearerAuth()
@Controller('applications/:id')
export class ApplicationLicencesController {
  constructor(@Inject(LicencesService) private readonly licences: LicencesService) {}

  @Get('licence-offers')
  @Roles('citizen')
  @ApiOperation({ summary: 'Which of my e-licences can fill which material of this application' })
  offers(@Param('id', uuid) id: string, @CurrentUser() user: Principal): Promise<LicenceOffer[]> {
    return this.licences.offers(user, id, new Date());
  }

  @Put('materials/:materialId/licence')
  @Roles('citizen')
  @ApiOperation({ summary: 'Fill the material with one of my e-licences (verified; recorded in my ledger)' })
  use(@Param('id', uuid) id: string, @Param('materialId', materialId) material: string, @Body(new ZodPipe(useLicenceInputSchema, 'licence')) body: UseLicenceInput, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.licences.useInApplication(user, id, material, body.licenceNo, new Date());
  }

  @Post('licences/fill')
  @HttpCode(200)
  @Roles('citizen')
  @ApiOperation({ summary: 'Fill every empty material my wallet can fill: one click, or automatic on my standing consent' })
  fill(@Param('id', uuid) id: string, @Body(new ZodPipe(fillFromWalletSchema, 'fill')) body: FillFromWallet, @CurrentUser() user: Principal): Promise<ApplicationView> {
    return this.licences.fillFromWallet(user, id, body.automatic ?? false, new Date());
  }
}

/** Department systems query the library instead of asking for paper (service accounts only). */
@ApiTags('licences')
@ApiBearerAuth()
@Controller('department/licences')
export class DepartmentLicencesController {
  constructor(@Inject(LicencesService) private readonly licences: LicencesService) {}

  @Post('query')
  @HttpCode(200)
  @ServiceAccount()
  @ApiOperation({ summary: 'A holder\'s valid e-licences for a case, on consent or a legal basis; written to the holder\'s ledger' })
  query(@Body(new ZodPipe(departmentQuerySchema, 'query')) body: DepartmentQuery, @CurrentUser() user: Principal): Promise<{ licences: ELicence[]; verified: boolean }> {
    return this.licences.departmentQuery(user, body, new Date());
  }
}

export const LICENCE_CONTROLLERS = [LicencesController, LicenceTypesController, VerifyController, ApplicationLicencesController, DepartmentLicencesController];
