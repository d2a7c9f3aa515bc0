import type { FieldChange, ItemStatus, ServiceItem } from '@gov/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One service item: the content admins edit and the snapshot last published to the public. */
@Entity({ name: 'catalogue_entry' })
export class CatalogueEntry {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'agency_path', type: 'text' })
  agencyPath!: string;

  @Column({ type: 'text', array: true })
  levels!: string[];

  @Column({ type: 'text' })
  status!: ItemStatus;

  @Column({ type: 'jsonb' })
  content!: ServiceItem;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'published_content', type: 'jsonb', nullable: true })
  publishedContent!: ServiceItem | null;

  @Column({ name: 'published_revision', type: 'integer', nullable: true })
  publishedRevision!: number | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}

export type RevisionAction = 'create' | 'edit' | 'publish' | 'retire' | 'import' | 'seed';

/** Change history: who did what to an item, when, and which fields changed. */
@Entity({ name: 'catalogue_revision' })
export class CatalogueRevision {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'text' })
  action!: RevisionAction;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'text' })
  actorName!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The full content after a content change (create, edit, import, seed); null for publish/retire. */
  @Column({ type: 'jsonb', nullable: true })
  content!: ServiceItem | null;

  @Column({ type: 'jsonb' })
  changes!: FieldChange[];
}
