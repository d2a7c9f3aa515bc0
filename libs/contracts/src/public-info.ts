import { z } from 'zod';

/**
 * Public information the portal discloses besides the catalogue (R3 政务公开): laws and policies,
 * notices, complaint channels and the list of intermediary services.
 */
export const PUBLIC_INFO_KINDS = ['policy', 'notice', 'complaint-channel', 'intermediary'] as const;
export const publicInfoKindSchema = z.enum(PUBLIC_INFO_KINDS);
export type PublicInfoKind = z.infer<typeof publicInfoKindSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

/** What an admin writes. */
export const publicInfoInputSchema = z.object({
  kind: publicInfoKindSchema,
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(500).default(''),
  body: z.string().trim().max(20_000).default(''),
  /** 文号, e.g. 国发〔2016〕55号, for laws and policies. */
  documentNumber: optionalText(100),
  /** Issuing body or responsible department. */
  issuer: optionalText(200),
  publishedOn: z.iso.date(),
  /** Telephone, address or office hours, for complaint channels and intermediaries. */
  contact: optionalText(500),
  url: z.url().nullable().default(null),
  published: z.boolean().default(true),
}).strict();
export type PublicInfoInput = z.input<typeof publicInfoInputSchema>;

export const publicInfoSchema = publicInfoInputSchema.extend({
  id: z.uuid(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type PublicInfo = z.infer<typeof publicInfoSchema>;

export const publicInfoListSchema = z.object({ items: z.array(publicInfoSchema) });
export type PublicInfoList = z.infer<typeof publicInfoListSchema>;

export const publicInfoQuerySchema = z.object({
  kind: publicInfoKindSchema.optional(),
  q: z.string().trim().max(100).optional(),
}).strict();
export type PublicInfoQuery = z.infer<typeof publicInfoQuerySchema>;
