// Every route must declare who may call it (@Public, @Authenticated or @Roles). This test walks
// every controller the application registers, so a new route without a declaration fails here.
import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { ACCESS } from '../src/common/auth/access.decorators.js';
import { loadConfig } from '../src/config/config.js';
import { migratedDatabase } from './test-app.js';
import type { TestDatabase } from '../../../test/database.js';
import type { INestApplication } from '@nestjs/common';

let database: TestDatabase;
let app: INestApplication;

beforeAll(async () => {
  database = await migratedDatabase();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config: loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }) })],
    providers: [DiscoveryService, MetadataScanner],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('route access declarations', () => {
  it('every route of every controller declares its access rule', () => {
    const discovery = app.get(DiscoveryService);
    const scanner = app.get(MetadataScanner);
    const reflector = app.get(Reflector);
    const routes: { route: string; declared: boolean }[] = [];
    for (const wrapper of discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler)];
        const rule = reflector.getAllAndOverride(ACCESS, [handler, metatype]);
        routes.push({ route: `${method} ${metatype.name}.${name}`, declared: rule !== undefined });
      }
    }
    expect(routes.length).toBeGreaterThanOrEqual(6);
    expect(routes.filter((r) => !r.declared).map((r) => r.route)).toEqual([]);
  });
});
