/** Where the identity provider sends the browser back: trade the code for a token, then go on. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, tokenStore } from '../api/client';
import { userManager, type AuthConfig } from '../auth/oidc';

export function AuthCallbackPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (async () => {
      const config = await api<AuthConfig>('/api/auth/config');
      const user = await userManager(config).signinRedirectCallback();
      tokenStore.set(user.access_token);
      await qc.invalidateQueries();
      navigate((user.state as string | undefined) ?? '/', { replace: true });
    })().catch((e: Error) => setError(e.message));
  }, [navigate, qc]);
  return error ? (
    <Alert type="error" showIcon message={error} style={{ margin: 24 }} />
  ) : (
    <Spin style={{ margin: 64 }} />
  );
}
