import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { JWTVerifyGetKey } from 'jose';
import { AuthGuard } from './common/auth/auth.guard.js';
import { JWKS, remoteJwks, TokenVerifier } from './common/auth/token-verifier.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { ENTITIES } from './database/entities.js';
import { MIGRATIONS } from './database/migrations/index.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { CalendarModule } from './modules/calendar/calendar.module.js';
import { CaseLibraryModule } from './modules/case-library/case-library.module.js';
import { CatalogueModule } from './modules/catalogue/catalogue.module.js';
import { DesignerModule } from './modules/designer/designer.module.js';
import { EngineModule } from './modules/engine/engine.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { InboxModule } from './modules/inbox/inbox.module.js';
import { SupervisionModule } from './modules/supervision/supervision.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { IntegrationsModule } from './modules/integrations/integrations.module.js';
import { LicencesModule } from './modules/licences/licences.module.js';
import { OperationsModule } from './modules/operations/operations.module.js';
import { PublicInfoModule } from './modules/public-info/public-info.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** Signing keys; defaults to the realm's JWKS endpoint. Tests pass local keys. */
  jwks?: JWTVerifyGetKey;
  /** Further modules, e.g. test-only controllers. */
  extraModules?: Type[] | undefined;
}

@Module({})
export class AppModule {
  static forRoot({ config, jwks, extraModules = [] }: AppModuleOptions): DynamicModule {
    const core: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: JWKS, useValue: jwks ?? remoteJwks(config) },
      TokenVerifier,
    ];
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: ['error'],
          // A request that cannot get a connection, or a transaction left idle, fails after a while
          // instead of hanging for ever.
          extra: { max: config.dbPoolSize, application_name: 'gov-api', connectionTimeoutMillis: 15_000, idle_in_transaction_session_timeout: 60_000 },
        }),
        EngineModule,
        HealthModule,
        IdentityModule,
        StaffModule,
        AuditModule,
        CatalogueModule,
        CalendarModule,
        IntegrationsModule,
        OperationsModule,
        PublicInfoModule,
        ApplicationsModule,
        DesignerModule,
        InboxModule,
        SupervisionModule,
        CaseLibraryModule,
        LicencesModule,
        ...extraModules,
      ],
      providers: [
        ...core,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: core,
    };
  }
}
