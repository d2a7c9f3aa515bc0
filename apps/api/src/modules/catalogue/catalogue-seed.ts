// Start-up import: brings the database in step with processes/<code>/item.json so that a fresh
// platform has the seed items (the rule is on CatalogueService.syncSeed). Runs on every boot; a
// broken file is logged and skipped, it never stops the API.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { serviceItemSchema } from '@gov/contracts';
import { CatalogueService } from './catalogue.service.js';
import { PROCESSES_DIR } from './processes-dir.js';

export interface SeedFile {
  dir: string;
  file: string;
}

export async function seedFiles(root: string): Promise<SeedFile[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => ({ dir: e.name, file: path.join(root, e.name, 'item.json') })).sort((a, b) => a.dir.localeCompare(b.dir));
}

@Injectable()
export class CatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('CatalogueSeed');

  constructor(
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(PROCESSES_DIR) private readonly root: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const counts: Record<string, number> = {};
    for (const { dir, file } of await seedFiles(this.root)) {
      try {
        const parsed = serviceItemSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!parsed.success) {
          this.logger.error(`${file} is not a valid catalogue entry: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
          continue;
        }
        if (parsed.data.code !== dir) {
          this.logger.error(`${file}: the folder must be named after the item code ${parsed.data.code}`);
          continue;
        }
        const outcome = await this.catalogue.syncSeed(parsed.data, new Date());
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      } catch (error: unknown) {
        this.logger.error({ err: error }, `${file} could not be imported`);
      }
    }
    this.logger.log(`catalogue seed from ${this.root}: ${JSON.stringify(counts)}`);
  }
}
