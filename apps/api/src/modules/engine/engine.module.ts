import { Global, Module } from '@nestjs/common';
import { EngineClient } from './engine.client.js';

@Global()
@Module({ providers: [EngineClient], exports: [EngineClient] })
export class EngineModule {}
