import { Inject, Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@gov/clock';
import { DataSource } from 'typeorm';
import { CalendarDayRecord } from './calendar-day.js';

@Injectable()
export class CalendarRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  year(year: number): Promise<CalendarDayRecord[]> {
    return this.dataSource.getRepository(CalendarDayRecord).createQueryBuilder('d')
      .where('d.date >= :from AND d.date < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('d.date', 'ASC').getMany();
  }

  async upsert(day: Omit<CalendarDayRecord, 'updatedAt'>, now: Date): Promise<void> {
    await this.dataSource.getRepository(CalendarDayRecord).upsert({ ...day, updatedAt: now }, ['date']);
  }

  async remove(date: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(CalendarDayRecord).delete({ date });
    return (result.affected ?? 0) > 0;
  }

  /** The whole calendar as the clock library needs it (a few hundred rows). */
  async workingCalendar(): Promise<WorkingCalendar> {
    const days = await this.dataSource.getRepository(CalendarDayRecord).find();
    return new WorkingCalendar(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })));
  }
}
