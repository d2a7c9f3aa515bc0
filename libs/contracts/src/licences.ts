// The e-licence library (R9, R19, R22, R23): e-licence types, issued e-licences with the issuing
// department's signature, public verification, the holder's wallet, reuse in applications,
// department queries and the holder's data-use ledger. Shared by the API, the portal and the tests.
import { z } from 'zod';

/**
 * A process issues an e-licence through a service task of this job type, when a case is approved.
 * Task header `licenceType`: the e-licence type code. Variables: `caseNumber` (the case protocol's).
 * The job completes with `licenceNo`. Served by the API (the library is the API's own data).
 */
export const LICENCE_ISSUE_JOB = 'licence.issue';

export const LICENCE_STATUSES = ['valid', 'suspended', 'revoked', 'expired', 'replaced'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];
/** What is stored; `expired` follows from the validity period and is never stored. */
export const STORED_LICENCE_STATUSES = ['valid', 'suspended', 'revoked', 'replaced'] as const;

export const LICENCE_ALGORITHMS = ['SM2-SM3', 'Ed25519'] as const;
export type LicenceAlgorithm = (typeof LICENCE_ALGORITHMS)[number];

// ---------------------------------------------------------------- types (catalogue data)

export const licenceTypeSchema = z.object({
  code: z.string(),
  name: z.string(),
  department: z.object({ path: z.string(), name: z.string() }),
  /** Whose licence it is: a natural person (ID number) or a company (unified social credit code). */
  holderKind: z.enum(['person', 'company']),
  /** The licence's fields, each filled from the case's form data (first present source key wins). */
  fields: z.array(z.object({ key: z.string(), label: z.string(), sources: z.array(z.string()) })),
  /** null: long-term (长期). */
  validityYears: z.number().int().nullable(),
  layout: z.object({ title: z.string(), footer: z.string() }),
  /** Materials of service items this licence can replace (besides items that name the type in a material's e-licence types). */
  replaces: z.array(z.object({ itemCode: z.string(), materialId: z.string() })),
});
export type LicenceType = z.infer<typeof licenceTypeSchema>;

/** An admin's edit of a licence type (the code is in the path). Licences issued before keep their signed content. */
export const licenceTypeInputSchema = z.object({
  name: z.string().trim().min(2).max(100),
  department: z.object({ path: z.string().regex(/^\/[^/]+(\/[^/]+)*$/, 'must be a department group path'), name: z.string().trim().min(2).max(100) }).strict(),
  holderKind: z.enum(['person', 'company']),
  fields: z.array(z.object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'letters and digits, starting with a letter'),
    label: z.string().trim().min(1).max(40),
    sources: z.array(z.string().min(1).max(64)).min(1).max(5),
  }).strict()).min(1).max(30).superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `field "${field.key}" is listed twice` });
      seen.add(field.key);
    });
  }),
  validityYears: z.number().int().min(1).max(50).nullable(),
  layout: z.object({ title: z.string().trim().min(2).max(60), footer: z.string().trim().max(200) }).strict(),
  replaces: z.array(z.object({ itemCode: z.string().min(1).max(64), materialId: z.string().min(1).max(64) }).strict()).max(50),
}).strict();
export type LicenceTypeInput = z.infer<typeof licenceTypeInputSchema>;

// ---------------------------------------------------------------- the licence

/** The signed content: exactly these bytes (canonical JSON) are signed and embedded in the PDF. */
export const licencePayloadSchema = z.object({
  licenceNo: z.string(),
  type: z.string(),
  typeName: z.string(),
  version: z.number().int(),
  holder: z.object({ kind: z.enum(['person', 'company']), name: z.string(), id: z.string() }),
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  department: z.object({ path: z.string(), name: z.string() }),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
});
export type LicencePayload = z.infer<typeof licencePayloadSchema>;

export const licenceSignatureSchema = z.object({ algorithm: z.enum(LICENCE_ALGORITHMS), keyId: z.string(), value: z.string() });
export type LicenceSignature = z.infer<typeof licenceSignatureSchema>;

export const eLicenceSchema = z.object({
  licenceNo: z.string(),
  type: z.string(),
  typeName: z.string(),
  version: z.number().int(),
  status: z.enum(LICENCE_STATUSES),
  statusReason: z.string().nullable(),
  holder: z.object({ kind: z.enum(['person', 'company']), name: z.string(), idMasked: z.string() }),
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  department: z.object({ path: z.string(), name: z.string() }),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  caseNumber: z.string().nullable(),
  replacedBy: z.string().nullable(),
  signature: licenceSignatureSchema,
  pdfUrl: z.string(),
  verifyUrl: z.string(),
});
export type ELicence = z.infer<typeof eLicenceSchema>;

// ---------------------------------------------------------------- verification (public)

export const VERIFY_FAILURES = ['not-found', 'bad-signature', 'document-altered', 'not-a-licence', 'status', 'link-expired'] as const;
export type VerifyFailure = (typeof VERIFY_FAILURES)[number];

export const verificationSchema = z.object({
  /** True only when the signature checks, the document (if any) is unaltered and the licence is valid today. */
  valid: z.boolean(),
  licenceNo: z.string().nullable(),
  status: z.enum(LICENCE_STATUSES).nullable(),
  statusReason: z.string().nullable(),
  signatureValid: z.boolean(),
  /** For an uploaded PDF: whether its bytes are exactly those the library issued; null when no document was checked. */
  documentIntact: z.boolean().nullable(),
  failure: z.enum(VERIFY_FAILURES).nullable(),
  message: z.string(),
  /** Signed fields, as far as the holder chose to show them (a share link shows all; the bare number shows the public ones). */
  typeName: z.string().nullable(),
  holderName: z.string().nullable(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  department: z.string().nullable(),
  issuedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  algorithm: z.enum(LICENCE_ALGORITHMS).nullable(),
  keyId: z.string().nullable(),
});
export type Verification = z.infer<typeof verificationSchema>;

// ---------------------------------------------------------------- wallet, sharing, reuse

export const shareLinkInputSchema = z.object({ hours: z.number().int().min(1).max(24 * 30).default(72) }).strict();
export type ShareLinkInput = z.input<typeof shareLinkInputSchema>;
export const shareLinkSchema = z.object({ token: z.string(), url: z.string(), expiresAt: z.string() });
export type ShareLink = z.infer<typeof shareLinkSchema>;

export const useLicenceInputSchema = z.object({ licenceNo: z.string().min(1).max(64) }).strict();
export type UseLicenceInput = z.infer<typeof useLicenceInputSchema>;

/** An e-licence of the caller that can fill a material of an application. */
export const licenceOfferSchema = z.object({ materialId: z.string(), licenceNo: z.string(), typeName: z.string() });
export type LicenceOffer = z.infer<typeof licenceOfferSchema>;

/** The holder's standing consent: new applications are filled from the wallet without asking each time. */
export const autofillConsentSchema = z.object({ enabled: z.boolean(), grantedAt: z.string().nullable() });
export type AutofillConsent = z.infer<typeof autofillConsentSchema>;
export const autofillConsentInputSchema = z.object({ enabled: z.boolean() }).strict();
export const fillFromWalletSchema = z.object({
  /** true when the portal fills on its own, on the holder's standing consent (refused without one). */
  automatic: z.boolean().default(false),
}).strict();
export type FillFromWallet = z.input<typeof fillFromWalletSchema>;

// ---------------------------------------------------------------- lifecycle (admins, processes)

export const licenceStatusChangeSchema = z.object({
  action: z.enum(['suspend', 'reinstate', 'revoke']),
  reason: z.string().trim().min(2, 'give the reason').max(500),
}).strict();
export type LicenceStatusChange = z.infer<typeof licenceStatusChangeSchema>;

// ---------------------------------------------------------------- department query and ledger

export const DATA_USE_BASES = ['consent', 'legal-basis', 'holder'] as const;
export type DataUseBasis = (typeof DATA_USE_BASES)[number];

export const departmentQuerySchema = z.object({
  /** ID number of a person or credit code of a company. */
  holderId: z.string().trim().min(15).max(18),
  type: z.string().min(1).max(64).optional(),
  /** The case the department handles; the holder must be its applicant (or its company). */
  caseNumber: z.string().min(1).max(64),
  department: z.string().min(1).max(200),
  basis: z.enum(['consent', 'legal-basis']),
  /** The legal provision, required when basis is legal-basis. */
  legalBasis: z.string().trim().max(300).default(''),
  purpose: z.string().trim().min(2).max(300),
}).strict().superRefine((q, ctx) => {
  if (q.basis === 'legal-basis' && q.legalBasis.length < 2) ctx.addIssue({ code: 'custom', path: ['legalBasis'], message: 'name the legal provision' });
});
export type DepartmentQuery = z.input<typeof departmentQuerySchema>;

export const dataUseSchema = z.object({
  id: z.string(),
  at: z.string(),
  licenceNo: z.string().nullable(),
  typeName: z.string().nullable(),
  /** A material file that was used (opened by a department), when the use was not of a licence alone. */
  material: z.string().nullable(),
  department: z.string(),
  caseNumber: z.string().nullable(),
  basis: z.enum(DATA_USE_BASES),
  basisDetail: z.string(),
  purpose: z.string(),
  actor: z.string(),
});
export type DataUse = z.infer<typeof dataUseSchema>;
