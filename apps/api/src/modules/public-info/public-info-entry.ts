import type { PublicInfoKind } from '@gov/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'public_info' })
export class PublicInfoEntry {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: PublicInfoKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'document_number', type: 'text', nullable: true })
  documentNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  /** A calendar date (YYYY-MM-DD); TypeORM reads `date` columns as strings. */
  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  @Column({ type: 'text', nullable: true })
  contact!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'boolean' })
  published!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy!: string | null;
}
