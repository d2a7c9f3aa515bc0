import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { areasFor, type ClientConfig, maskIdNumber, type Me } from '@gov/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Authenticated, CurrentUser, Public } from '../../common/auth/access.decorators.js';
import type { Principal } from '../../common/auth/principal.js';

@ApiTags('identity')
@Controller()
export class IdentityController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the caller is: name, roles, departments, masked ID number, usable areas' })
  me(@CurrentUser() user: Principal): Me {
    return {
      id: user.subject,
      username: user.username,
      name: user.name,
      email: user.email,
      roles: user.roles,
      departments: user.departments,
      idNumberMasked: user.idNumber ? maskIdNumber(user.idNumber) : null,
      company: user.company,
      areas: areasFor(user.roles),
    };
  }

  @Get('config')
  @Public()
  @ApiOperation({ summary: 'Public runtime configuration for the web app (Keycloak location)' })
  clientConfig(): ClientConfig {
    return { keycloakUrl: this.config.keycloak.publicUrl, realm: this.config.keycloak.realm, clientId: this.config.keycloak.webClientId };
  }
}
