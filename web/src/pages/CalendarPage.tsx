/** The working-day calendar (admin): a year's holidays and make-up working days, and the import of a new year. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, InputNumber, Input, Row, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import { Loadable } from '../components/Loadable';
import { useI18n } from '../i18n/i18n';

interface Day {
  date: string;
  name?: string | null;
}
interface CalendarYear {
  year: number;
  known: boolean;
  source: string | null;
  holidays: Day[];
  workdays: Day[];
}

/** "2027-10-01 国庆节" per line → {date, name}. */
function parseLines(text: string): Day[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [date, ...name] = l.split(/\s+/);
      return name.length ? { date, name: name.join(' ') } : { date };
    });
}

export function CalendarPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const cal = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api<CalendarYear>(`/api/calendar/${year}`),
  });
  const save = useMutation({
    mutationFn: () =>
      api<CalendarYear & { recomputedWorkflows: number }>(`/api/calendar/${year}`, {
        method: 'PUT',
        body: { holidays: parseLines(holidays), workdays: parseLines(workdays) },
      }),
    onSuccess: (r) => {
      setError(null);
      message.success(
        t('calendarImported').replace('{year}', String(r.year)).replace('{n}', String(r.recomputedWorkflows)),
      );
      qc.invalidateQueries({ queryKey: ['calendar', year] });
    },
    onError: (e) => setError(errors.say(e)),
  });
  const columns = [
    { title: t('day'), dataIndex: 'date' },
    { title: t('dayName'), dataIndex: 'name' },
  ];
  return (
    <Card
      title={t('calendar')}
      extra={<InputNumber value={year} min={2004} max={2100} onChange={(v) => v && setYear(v)} />}
    >
      <Loadable query={cal}>
        {(c) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Tag color={c.known ? 'green' : 'orange'}>
              {c.known ? t('calendarKnown').replace('{source}', c.source ?? '') : t('calendarUnknown')}
            </Tag>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Table
                  size="small"
                  rowKey="date"
                  title={() => t('publicHolidays')}
                  dataSource={c.holidays}
                  columns={columns}
                  pagination={{ pageSize: 10 }}
                />
              </Col>
              <Col xs={24} md={12}>
                <Table
                  size="small"
                  rowKey="date"
                  title={() => t('makeUpWorkdays')}
                  dataSource={c.workdays}
                  columns={columns}
                  pagination={{ pageSize: 10 }}
                />
              </Col>
            </Row>
          </Space>
        )}
      </Loadable>
      <Card
        size="small"
        title={t('importSchedule').replace('{year}', String(year))}
        style={{ marginTop: 16 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Input.TextArea
              rows={8}
              value={holidays}
              onChange={(e) => setHolidays(e.target.value)}
              placeholder={t('holidayExample').replace('{year}', String(year))}
            />
          </Col>
          <Col xs={24} md={12}>
            <Input.TextArea
              rows={8}
              value={workdays}
              onChange={(e) => setWorkdays(e.target.value)}
              placeholder={t('workdayExample').replace('{year}', String(year))}
            />
          </Col>
        </Row>
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          onClick={() => save.mutate()}
          loading={save.isPending}
        >
          {t('importCalendar')}
        </Button>
      </Card>
    </Card>
  );
}
