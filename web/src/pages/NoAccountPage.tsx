/**
 * What a person sees who signed in with the city's identity provider but has
 * no account here yet (or a deactivated one): why, and whom to ask, with
 * their contact details. The API has audited the refusal.
 */
import { Button, Card, Col, List, Result, Row } from 'antd';
import type { ApiError } from '../api/client';
import { errorText } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';

interface Contact {
  name: string;
  department: string;
  email: string | null;
  phone: string | null;
}

export function NoAccountPage({ error, onSignOut }: { error: ApiError; onSignOut: () => void }) {
  const { t, lang, setLang } = useI18n();
  const contacts = (error.info as { contacts?: Contact[] } | undefined)?.contacts ?? [];
  return (
    <Row justify="center" style={{ padding: 24 }}>
      <Col xs={24} md={18} lg={12}>
        <Card extra={<Button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</Button>}>
          <Result
            status="403"
            title={t('noAccountTitle')}
            subTitle={<span data-testid="no-account">{errorText(error, lang)}</span>}
            extra={
              <Button type="primary" onClick={onSignOut}>
                {t('signOut')}
              </Button>
            }
          />
          {contacts.length > 0 && (
            <List
              header={t('askThem')}
              dataSource={contacts}
              data-testid="no-account-contacts"
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${c.name} · ${c.department}`}
                    description={[c.phone, c.email].filter(Boolean).join(' · ')}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
