// SQL for the element templates admins add or replace (one row per template id).
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredTemplateRow {
  id: string;
  content: Record<string, unknown>;
  actorName: string;
  at: Date;
}

@Injectable()
export class ElementTemplatesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async all(): Promise<StoredTemplateRow[]> {
    const rows: { id: string; content: Record<string, unknown>; actor_name: string; at: Date }[] = await this.dataSource.query('SELECT id, content, actor_name, at FROM element_template ORDER BY id');
    return rows.map((r) => ({ id: r.id, content: r.content, actorName: r.actor_name, at: r.at }));
  }

  async upsert(id: string, content: Record<string, unknown>, actor: { id: string | null; name: string }, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO element_template (id, content, actor_id, actor_name, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, actor_id = EXCLUDED.actor_id, actor_name = EXCLUDED.actor_name, at = EXCLUDED.at`,
      [id, JSON.stringify(content), actor.id, actor.name, at],
    );
  }

  /** True when there was one to delete. */
  async delete(id: string): Promise<boolean> {
    const rows: { deleted: number }[] = await this.dataSource.query('WITH d AS (DELETE FROM element_template WHERE id = $1 RETURNING id) SELECT count(*)::int AS deleted FROM d', [id]);
    return (rows[0]?.deleted ?? 0) > 0;
  }
}
