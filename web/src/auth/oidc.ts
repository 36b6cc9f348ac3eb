/** Sign-in with the organisation's identity provider (AUTH_MODE=oidc): authorization code flow with PKCE. */
import { UserManager } from 'oidc-client-ts';

export interface AuthConfig {
  mode: 'dev' | 'oidc';
  issuer?: string;
  clientId?: string;
  scope?: string;
}

export function userManager(c: AuthConfig): UserManager {
  return new UserManager({
    authority: c.issuer!,
    client_id: c.clientId!,
    scope: c.scope ?? 'openid profile',
    redirect_uri: `${window.location.origin}/auth/callback`,
    response_type: 'code',
  });
}
