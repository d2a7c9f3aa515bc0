import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A holiday on a weekday or an adjusted working day (调休) on a weekend. */
@Entity({ name: 'calendar_day' })
export class CalendarDayRecord {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  kind!: 'holiday' | 'workday';

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
