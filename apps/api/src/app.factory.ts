// Builds the HTTP application; main.ts and the integration tests share it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { httpLogger, NestPinoLogger } from './common/logger.js';
import { problemFor } from './common/problem-details.filter.js';
import { requestIdOf } from './common/request-id.js';

export const API_PREFIX = 'api';

export async function createApp(options: AppModuleOptions & { logger: Logger }): Promise<NestExpressApplication> {
  const { config, logger } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy ?? 'loopback');
  app.disable('x-powered-by');
  app.use(httpLogger(logger));
  const json = express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.use((request: Request, response: Response, next: NextFunction) => {
    json(request, response, (error?: unknown) => (error ? problemFallback(error, request, response) : next()));
  });
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Government Services Platform API')
    .setDescription('互联网+政务服务 platform API. Errors are application/problem+json (RFC 9457). Authenticate with a Keycloak access token of realm "gov".')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build());
  app.use(`/${API_PREFIX}/openapi.json`, (request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' && request.path === '/') response.json(document);
    else next();
  });
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, { jsonDocumentUrl: `${API_PREFIX}/openapi-ui.json` });

  serveWeb(app, config.webDistDir);
  return app;
}

/** The SPA is served on the same origin; unknown non-API GETs fall back to index.html. */
function serveWeb(app: NestExpressApplication, dir: string | null): void {
  const index = dir ? path.join(dir, 'index.html') : null;
  if (!dir || !index || !existsSync(index)) return;
  app.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: (response, file) => {
    if (file.includes(`${path.sep}assets${path.sep}`)) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  } }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith(`/${API_PREFIX}/`) || request.path === `/${API_PREFIX}`) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}

/** Errors raised before Nest's filter sees them (e.g. malformed JSON) still become problem+json. */
function problemFallback(error: unknown, request: Request, response: Response): void {
  const problem = problemFor(error, request.originalUrl, requestIdOf(request));
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
