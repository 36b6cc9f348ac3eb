/** Sign-in: in dev auth mode, the demo users by department, one click each. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, List, Row, Tag, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, tokenStore } from '../api/client';
import type { User } from '../api/types';
import { userManager, type AuthConfig } from '../auth/oidc';
import { Loadable } from '../components/Loadable';
import { useI18n } from '../i18n/i18n';

export function SignInPage() {
  const { t, name, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const config = useQuery({ queryKey: ['auth-config'], queryFn: () => api<AuthConfig>('/api/auth/config') });
  const users = useQuery({
    queryKey: ['dev-users'],
    queryFn: () => api<{ users: User[] }>('/api/auth/dev-users'),
    enabled: config.data?.mode === 'dev',
  });
  async function signIn(username: string) {
    const { token } = await api<{ token: string }>('/api/auth/dev-login', {
      method: 'POST',
      body: { username },
    });
    tokenStore.set(token);
    await qc.invalidateQueries();
    navigate(params.get('next') ?? '/', { replace: true });
  }
  return (
    <Row justify="center" style={{ padding: 24 }}>
      <Col xs={24} md={18} lg={12}>
        <Card
          title={`${t('appName')} · ${t('signIn')}`}
          extra={<Button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</Button>}
        >
          <Loadable query={config}>
            {(c) =>
              c.mode === 'oidc' ? (
                <Button
                  type="primary"
                  size="large"
                  data-testid="sign-in-oidc"
                  onClick={() => userManager(c).signinRedirect({ state: params.get('next') ?? '/' })}
                >
                  {t('signInOidc')}
                </Button>
              ) : (
                <>
                  <Typography.Paragraph type="secondary">{t('signInHint')}</Typography.Paragraph>
                  <Loadable query={users}>
                    {({ users: list }) => (
                      <List
                        dataSource={list}
                        renderItem={(u) => (
                          <List.Item
                            actions={[
                              <Button
                                key="go"
                                type="primary"
                                data-testid={`sign-in-${u.username}`}
                                onClick={() => signIn(u.username)}
                              >
                                {t('signIn')}
                              </Button>,
                            ]}
                          >
                            <List.Item.Meta
                              title={`${u.displayName} (${u.username})`}
                              description={
                                <>
                                  {lang === 'zh' ? u.department.name : u.department.nameEn}{' '}
                                  {u.roles.map((r) => (
                                    <Tag key={r}>{name(r)}</Tag>
                                  ))}
                                </>
                              }
                            />
                          </List.Item>
                        )}
                      />
                    )}
                  </Loadable>
                </>
              )
            }
          </Loadable>
        </Card>
      </Col>
    </Row>
  );
}
