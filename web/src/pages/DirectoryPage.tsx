/**
 * The directory (组织机构), for administrators and county administrators:
 * departments and users added, changed and deactivated (never deleted), and
 * the whole directory exported to and imported from a workbook. A refused
 * import lists every bad cell by sheet, row and column; nothing is stored.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { download } from '../api/download';
import { useApiErrors } from '../api/form-errors';
import { useProcesses } from '../api/processes';
import type { Department, DirectoryImportResult, DirectoryUser, DirectoryUsers, User } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ImportProblems, importProblemsOf, type ImportProblem } from '../components/ImportProblems';
import { ROLES } from '../../../domain/roles';

/** Cells that show a record's own codes (usernames, department codes, addresses), as typed: no name stands for them. */
const RECORD_CODE = 'record-code';

const KINDS = ['city_department', 'county', 'county_department'] as const;

type Editing<T> = { mode: 'new' } | { mode: 'edit'; row: T } | null;

export function DirectoryPage({ user }: { user: User }) {
  const { t, name, lang, dept } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const countyAdmin = !user.roles.includes('admin');
  const deptOf = (d: Department) => dept(d.code, { zh: d.name, en: d.nameEn });
  const [editDept, setEditDept] = useState<Editing<Department>>(null);
  const [editUser, setEditUser] = useState<Editing<DirectoryUser>>(null);
  const [search, setSearch] = useState('');
  const [importProblems, setImportProblems] = useState<ImportProblem[] | null>(null);
  const [deptForm] = Form.useForm();
  const [userForm] = Form.useForm();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: Department[] }>('/api/departments'),
  });
  const users = useQuery({
    queryKey: ['directory-users'],
    queryFn: () => api<DirectoryUsers>('/api/directory/users'),
  });
  const processes = useProcesses();
  const stepName = (ref: string) => {
    const [process, key] = ref.split('.');
    const p = processes.find((x) => x.name === process);
    const step = p?.steps.find((x) => x.key === key);
    return p && step ? `${p.label[lang]}·${step.name[lang]}` : ref;
  };
  const unheld = users.data?.unheld ?? [];
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['departments'] });
    void qc.invalidateQueries({ queryKey: ['directory-users'] });
  };
  const all = departments.data?.departments ?? [];
  const deptName = (code: string | null) => {
    const d = all.find((x) => x.code === code);
    return d ? deptOf(d) : (code ?? '');
  };
  // What this administrator keeps: the whole city, or their county and its departments.
  const countyCode =
    all.find((d) => d.code === user.department.code)?.kind === 'county' ? user.department.code : null;
  const keptDepartments = countyAdmin
    ? all.filter((d) => d.code === countyCode || d.parentCode === countyCode)
    : all;
  const labelOf = (path: string) =>
    ({
      code: t('deptCode'),
      name: t('deptName'),
      nameEn: t('deptNameEn'),
      kind: t('deptKind'),
      parentCode: t('deptParent'),
      username: t('username'),
      displayName: t('displayName'),
      departmentCode: t('department'),
      roles: t('roles'),
      email: t('email'),
      phone: t('phone'),
    })[path.replace(/\[\d+\]$/, '')] ?? '';

  const saveDept = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      editDept?.mode === 'edit'
        ? api<Department>(`/api/directory/departments/${editDept.row.code}`, {
            method: 'PATCH',
            body: {
              name: v.name,
              nameEn: v.nameEn,
              kind: v.kind,
              parentCode: v.parentCode ?? null,
              active: v.active,
            },
          })
        : api<Department>('/api/directory/departments', {
            method: 'POST',
            body: {
              code: v.code,
              name: v.name,
              nameEn: v.nameEn,
              kind: v.kind,
              parentCode: v.parentCode ?? null,
            },
          }),
    onSuccess: () => {
      void message.success(t('saved'));
      setEditDept(null);
      refresh();
    },
    onError: errors.onForm(deptForm, (p) => [p], labelOf),
  });
  const saveUser = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = {
        displayName: v.displayName,
        departmentCode: v.departmentCode,
        roles: v.roles ?? [],
        email: (v.email as string | undefined)?.trim() || null,
        phone: (v.phone as string | undefined)?.trim() || null,
      };
      return editUser?.mode === 'edit'
        ? api<DirectoryUser>(`/api/directory/users/${encodeURIComponent(editUser.row.username)}`, {
            method: 'PATCH',
            body: { ...body, active: v.active },
          })
        : api<DirectoryUser>('/api/directory/users', {
            method: 'POST',
            body: { username: v.username, ...body },
          });
    },
    onSuccess: () => {
      void message.success(t('saved'));
      setEditUser(null);
      refresh();
    },
    onError: errors.onForm(userForm, (p) => [p.replace(/\[\d+\]$/, '')], labelOf),
  });
  const importFile = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return api<DirectoryImportResult>('/api/directory/import', { method: 'POST', body });
    },
    onSuccess: (r) => {
      setImportProblems(null);
      void message.success(
        t('directoryImported')
          .replace('{dc}', String(r.departments.created))
          .replace('{du}', String(r.departments.updated))
          .replace('{uc}', String(r.users.created))
          .replace('{uu}', String(r.users.updated)),
      );
      refresh();
    },
    onError: (e: Error) => {
      const problems = importProblemsOf(e, lang);
      if (problems) setImportProblems(problems);
      else errors.show(e);
    },
  });

  const openDept = (editing: Editing<Department>) => {
    setEditDept(editing);
    deptForm.resetFields();
    deptForm.setFieldsValue(
      editing?.mode === 'edit'
        ? editing.row
        : countyAdmin
          ? { kind: 'county_department', parentCode: countyCode }
          : { kind: 'city_department' },
    );
  };
  const openUser = (editing: Editing<DirectoryUser>) => {
    setEditUser(editing);
    userForm.resetFields();
    userForm.setFieldsValue(editing?.mode === 'edit' ? editing.row : { roles: ['requester'] });
  };
  const status = (active: boolean) =>
    active ? <Tag color="green">{t('activeStatus')}</Tag> : <Tag>{t('inactiveStatus')}</Tag>;

  return (
    <Card
      title={t('directory')}
      data-testid="directory"
      extra={
        <Space wrap>
          <Button
            onClick={() => void download('/api/directory/export.xlsx', 'directory.xlsx')}
            data-testid="directory-export"
          >
            {t('exportXlsx')}
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              importFile.mutate(file);
              return false; // sent by the mutation, with the user's token
            }}
          >
            <Button loading={importFile.isPending} data-testid="directory-import">
              {t('importXlsx')}
            </Button>
          </Upload>
        </Space>
      }
    >
      {unheld.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('unheldTitle')}
          data-testid="unheld-roles"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {unheld.map((u) => (
                <li key={`${u.role}@${u.department ?? ''}`}>
                  {name(u.role)}({u.department ? deptName(u.department) : t('anyDepartment')}):
                  {u.steps.map(stepName).join(lang === 'zh' ? '、' : ', ')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <ImportProblems problems={importProblems} onClose={() => setImportProblems(null)} />
      <Tabs
        items={[
          {
            key: 'users',
            label: t('people'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Button type="primary" onClick={() => openUser({ mode: 'new' })} data-testid="new-user">
                    {t('newUser')}
                  </Button>
                  <Input.Search
                    allowClear
                    placeholder={t('searchPeople')}
                    onSearch={(v) => setSearch(v.trim())}
                    style={{ width: 240 }}
                    data-testid="search-people"
                  />
                </Space>
                <Table<DirectoryUser>
                  rowKey="username"
                  size="small"
                  scroll={{ x: true }}
                  loading={users.isLoading}
                  pagination={{ defaultPageSize: 50, showSizeChanger: true }}
                  dataSource={(users.data?.users ?? []).filter(
                    (u) => !search || u.username.includes(search) || u.displayName.includes(search),
                  )}
                  data-testid="directory-users"
                  columns={[
                    { title: t('username'), dataIndex: 'username', className: RECORD_CODE },
                    { title: t('displayName'), dataIndex: 'displayName' },
                    {
                      title: t('department'),
                      render: (_, u) =>
                        u.departmentName ? dept(u.departmentCode, u.departmentName) : u.departmentCode,
                      filters: keptDepartments.map((d) => ({ text: deptOf(d), value: d.code })),
                      onFilter: (v, u) => u.departmentCode === v,
                    },
                    { title: t('roles'), render: (_, u) => u.roles.map((r) => <Tag key={r}>{name(r)}</Tag>) },
                    {
                      title: t('contact'),
                      className: RECORD_CODE,
                      render: (_, u) => [u.phone, u.email].filter(Boolean).join(' · '),
                    },
                    { title: t('status'), render: (_, u) => status(u.active) },
                    {
                      title: '',
                      render: (_, u) => (
                        <Button
                          size="small"
                          onClick={() => openUser({ mode: 'edit', row: u })}
                          data-testid={`edit-user-${u.username}`}
                        >
                          {t('edit')}
                        </Button>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'departments',
            label: t('departments'),
            children: (
              <>
                <Button
                  type="primary"
                  onClick={() => openDept({ mode: 'new' })}
                  data-testid="new-department"
                  style={{ marginBottom: 12 }}
                >
                  {t('newDepartment')}
                </Button>
                <Table<Department>
                  rowKey="code"
                  size="small"
                  scroll={{ x: true }}
                  pagination={{ defaultPageSize: 50, showSizeChanger: true }}
                  dataSource={keptDepartments}
                  data-testid="directory-departments"
                  columns={[
                    { title: t('deptCode'), dataIndex: 'code', className: RECORD_CODE },
                    { title: t('deptName'), render: (_, d) => deptOf(d) },
                    { title: t('deptKind'), render: (_, d) => name(d.kind) },
                    { title: t('deptParent'), render: (_, d) => deptName(d.parentCode) },
                    { title: t('status'), render: (_, d) => status(d.active) },
                    {
                      title: '',
                      render: (_, d) => (
                        <Button
                          size="small"
                          onClick={() => openDept({ mode: 'edit', row: d })}
                          data-testid={`edit-department-${d.code}`}
                        >
                          {t('edit')}
                        </Button>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <Modal
        open={editDept !== null}
        title={editDept?.mode === 'edit' ? `${t('edit')} · ${editDept.row.code}` : t('newDepartment')}
        onCancel={() => setEditDept(null)}
        onOk={() => deptForm.submit()}
        okButtonProps={{ loading: saveDept.isPending, 'data-testid': 'save-department' } as never}
        destroyOnHidden
      >
        <Form form={deptForm} layout="vertical" onFinish={(v) => saveDept.mutate(v)}>
          <Form.Item
            name="code"
            label={t('deptCode')}
            extra={t('deptCodeHint')}
            rules={[{ required: true, message: t('deptCode') }]}
          >
            <Input disabled={editDept?.mode === 'edit'} data-testid="department-code" />
          </Form.Item>
          <Form.Item name="name" label={t('deptName')} rules={[{ required: true, message: t('deptName') }]}>
            <Input data-testid="department-name" />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('deptNameEn')}
            rules={[{ required: true, message: t('deptNameEn') }]}
          >
            <Input data-testid="department-name-en" />
          </Form.Item>
          <Form.Item name="kind" label={t('deptKind')}>
            <Select
              showSearch
              optionFilterProp="label"
              disabled={countyAdmin}
              data-testid="department-kind"
              options={KINDS.map((k) => ({ value: k, label: name(k) }))}
            />
          </Form.Item>
          <Form.Item name="parentCode" label={t('deptParent')} extra={t('deptParentHint')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              disabled={countyAdmin}
              data-testid="department-parent"
              options={all
                .filter((d) => d.kind === 'county')
                .map((d) => ({ value: d.code, label: deptOf(d) }))}
            />
          </Form.Item>
          {editDept?.mode === 'edit' && (
            <Form.Item name="active" label={t('activeStatus')} valuePropName="checked">
              <Switch data-testid="department-active" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={editUser !== null}
        title={editUser?.mode === 'edit' ? `${t('edit')} · ${editUser.row.username}` : t('newUser')}
        onCancel={() => setEditUser(null)}
        onOk={() => userForm.submit()}
        okButtonProps={{ loading: saveUser.isPending, 'data-testid': 'save-user' } as never}
        destroyOnHidden
      >
        <Form form={userForm} layout="vertical" onFinish={(v) => saveUser.mutate(v)}>
          <Form.Item
            name="username"
            label={t('username')}
            extra={t('usernameHint')}
            rules={[{ required: true, message: t('username') }]}
          >
            <Input disabled={editUser?.mode === 'edit'} data-testid="user-username" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('displayName')}
            rules={[{ required: true, message: t('displayName') }]}
          >
            <Input data-testid="user-display-name" />
          </Form.Item>
          <Form.Item
            name="departmentCode"
            label={t('department')}
            rules={[{ required: true, message: t('department') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="user-department"
              options={keptDepartments
                .filter((d) => d.active)
                .map((d) => ({ value: d.code, label: deptOf(d) }))}
            />
          </Form.Item>
          <Form.Item name="roles" label={t('roles')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              data-testid="user-roles"
              options={ROLES.map((r) => ({ value: r, label: name(r) }))}
            />
          </Form.Item>
          <Form.Item name="email" label={t('email')}>
            <Input data-testid="user-email" />
          </Form.Item>
          <Form.Item name="phone" label={t('phone')}>
            <Input data-testid="user-phone" />
          </Form.Item>
          {editUser?.mode === 'edit' && (
            <Form.Item name="active" label={t('activeStatus')} valuePropName="checked">
              <Switch data-testid="user-active" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
