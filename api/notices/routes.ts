/** The notices centre: the notices addressed to your groups, read or unread, and marking them read. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { User } from '../../db/directory-repository';
import { listNotices, markNoticesRead, type NoticeReader } from '../../db/notice-repository';
import { titleNamingDepartments } from '../../domain/text/department-codes';
import { directoryNames } from '../directory/names';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import { MarkReadBodySchema, MarkReadResultSchema, NoticeListQuerySchema, NoticeListSchema } from './schemas';

const readerOf = (user: User): NoticeReader => ({
  username: user.username,
  department: user.department.code,
  roles: user.roles,
});

export function noticeRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  addRoute(router, registry, {
    method: 'get',
    path: '/api/notices',
    summary:
      'Notices addressed to your roles in your department (or city-wide), newest first, with your unread count',
    tags: ['notices'],
    auth: 'user',
    query: NoticeListQuerySchema,
    response: NoticeListSchema,
    handler: async ({ query, user }) => {
      const [list, names] = await Promise.all([
        listNotices(deps.db, readerOf(user), {
          unreadOnly: query.unread,
          page: query.page,
          pageSize: query.pageSize,
        }),
        directoryNames(deps.db),
      ]);
      return {
        ...list,
        items: list.items.map((n) => ({
          ...n,
          title: titleNamingDepartments(n.title, names.department),
        })),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/notices/read',
    summary: 'Mark notices read, for you only',
    description: 'Ids of notices not addressed to you are ignored.',
    tags: ['notices'],
    auth: 'user',
    body: MarkReadBodySchema,
    response: MarkReadResultSchema,
    handler: async ({ body, user }) => {
      const reader = readerOf(user);
      const marked = await markNoticesRead(deps.db, reader, 'all' in body ? 'all' : body.ids);
      const { unread } = await listNotices(deps.db, reader, { unreadOnly: true, page: 1, pageSize: 1 });
      return { marked, unread };
    },
  });
}
