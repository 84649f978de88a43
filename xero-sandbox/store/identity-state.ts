/** OAuth state: registered apps, consents (grants), codes, tokens and connections. */

export interface RegisteredApp {
  clientId: string;
  /** null: a public client (PKCE required, as at Xero). */
  clientSecret: string | null;
  name: string;
  /** Exact URIs, or any http://localhost / 127.0.0.1 URI when allowLocalhost. */
  redirectUris: string[];
  allowLocalhost: boolean;
  webhook: { url: string | null; key: string };
}

export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  authEventId: string;
  createdAt: number;
  revoked: boolean;
}

export interface AuthCode {
  code: string;
  grantId: string;
  redirectUri: string;
  codeChallenge?: string;
  nonce?: string;
  expiresAt: number;
  used: boolean;
}

export interface RefreshTokenRec {
  token: string;
  grantId: string;
  issuedAt: number;
  /** Set when it was exchanged: the grace period for re-use starts here. */
  rotatedAt?: number;
  /** The answer given at rotation, replayed to a retry within the grace. */
  rotatedTo?: string;
}

export interface AccessTokenRec {
  jti: string;
  grantId: string;
  expiresAt: number;
  revoked: boolean;
}

export interface Connection {
  id: string;
  clientId: string;
  userId: string;
  tenantId: string;
  authEventId: string;
  createdDateUtc: number;
  updatedDateUtc: number;
}

export class IdentityState {
  apps = new Map<string, RegisteredApp>();
  grants = new Map<string, Grant>();
  codes = new Map<string, AuthCode>();
  refreshTokens = new Map<string, RefreshTokenRec>();
  accessTokens = new Map<string, AccessTokenRec>();
  connections: Connection[] = [];

  connectionsFor(clientId: string, userId: string): Connection[] {
    return this.connections.filter((c) => c.clientId === clientId && c.userId === userId);
  }

  isConnected(clientId: string, userId: string, tenantId: string): boolean {
    return this.connections.some((c) => c.clientId === clientId && c.userId === userId && c.tenantId.toLowerCase() === tenantId.toLowerCase());
  }

  toJSON() {
    return {
      apps: [...this.apps.values()],
      grants: [...this.grants.values()],
      refreshTokens: [...this.refreshTokens.values()],
      accessTokens: [...this.accessTokens.values()],
      connections: this.connections,
    };
  }

  static fromJSON(data: ReturnType<IdentityState["toJSON"]>): IdentityState {
    const s = new IdentityState();
    data.apps.forEach((a) => s.apps.set(a.clientId, a));
    data.grants.forEach((g) => s.grants.set(g.id, g));
    data.refreshTokens.forEach((t) => s.refreshTokens.set(t.token, t));
    data.accessTokens.forEach((t) => s.accessTokens.set(t.jti, t));
    s.connections = data.connections;
    return s;
  }
}
