/**
 * Delegation (代理): a person going on leave hands one of their roles to a
 * colleague of the same department who holds it too, for a period. While it
 * is in force the colleague decides the tasks the absent person had claimed,
 * and each decision records whom it was made for. Creating and revoking are
 * audited.
 */
import { localToday } from '../http/local-today';
import type { Db } from '../../db/connection';
import {
  delegationsOf,
  getDelegation,
  insertDelegation,
  overlapping,
  revokeDelegation,
  type Delegation,
} from '../../db/delegation-repository';
import { findUser, listUsers, type User } from '../../db/directory-repository';
import type { Role } from '../../domain/roles';
import { newCaseId } from '../cases/case-ids';
import { auditByUser } from '../cases/audit';
import { directoryNames, type Names } from '../directory/names';
import { HttpError, unprocessable, type FieldProblem } from '../http/errors';

const today = localToday;

function view(d: Delegation, names: Names, day: string) {
  return {
    id: d.id,
    from: d.from,
    fromName: names.person(d.from),
    to: d.to,
    toName: names.person(d.to),
    department: d.department,
    departmentName: names.department(d.department),
    role: d.role as Role,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    reason: d.reason,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
    active: d.revokedAt === null && d.startsOn <= day && day <= d.endsOn,
  };
}

export function createDelegationService(db: Db) {
  return {
    async list(user: User) {
      const [all, names] = await Promise.all([delegationsOf(db, user.username, today()), directoryNames(db)]);
      const day = today();
      return {
        given: all.filter((d) => d.from === user.username).map((d) => view(d, names, day)),
        received: all.filter((d) => d.to === user.username).map((d) => view(d, names, day)),
      };
    },

    /** The colleagues who may stand in for `user` in `role`: same department, same role, active. */
    async colleagues(user: User, role: Role) {
      const users = await listUsers(db);
      return {
        items: users
          .filter(
            (u) =>
              u.username !== user.username &&
              u.department.code === user.department.code &&
              u.roles.includes(role),
          )
          .map((u) => ({ username: u.username, displayName: u.displayName })),
      };
    },

    async create(
      user: User,
      body: { to: string; role: Role; from: string; until: string; reason?: string },
      ip: string | null,
    ) {
      const day = today();
      const problems: FieldProblem[] = [];
      if (!user.roles.includes(body.role))
        problems.push({ path: 'role', message: 'is not a role of yours', code: 'not_your_role' });
      const to = body.to === user.username ? null : await findUser(db, body.to);
      if (body.to === user.username)
        problems.push({ path: 'to', message: 'must be someone else', code: 'not_yourself' });
      else if (!to) problems.push({ path: 'to', message: `no active user ${body.to}`, code: 'unknown_user' });
      else if (to.department.code !== user.department.code || !to.roles.includes(body.role))
        problems.push({
          path: 'to',
          message: 'must be a colleague of your department holding the same role',
          code: 'not_colleague',
        });
      if (body.from < day)
        problems.push({
          path: 'from',
          message: `must be today (${day}) or later`,
          code: 'before_today',
          params: { today: day },
        });
      if (body.until < body.from)
        problems.push({
          path: 'until',
          message: 'must be on or after the first day',
          code: 'end_before_start',
        });
      if (problems.length) throw unprocessable('invalid_delegation', 'delegation', problems);
      const clash = await overlapping(db, {
        from: user.username,
        role: body.role,
        startsOn: body.from,
        endsOn: body.until,
      });
      if (clash)
        throw new HttpError(
          409,
          'delegation_overlaps',
          `You already hand this role to ${clash.to} from ${clash.startsOn} to ${clash.endsOn} (${clash.id}); revoke it first.`,
          undefined,
          { params: { id: clash.id, from: clash.startsOn, until: clash.endsOn } },
        );
      const id = newCaseId('DG', new Date());
      await insertDelegation(db, {
        id,
        from: user.username,
        to: body.to,
        department: user.department.code,
        role: body.role,
        startsOn: body.from,
        endsOn: body.until,
        reason: body.reason || null,
      });
      await auditByUser(db, user, {
        action: 'delegation.create',
        entityType: 'delegation',
        entityId: id,
        ip,
        detail: {
          to: body.to,
          role: body.role,
          from: body.from,
          until: body.until,
          reason: body.reason ?? null,
        },
      });
      return view((await getDelegation(db, id))!, await directoryNames(db), day);
    },

    async revoke(user: User, id: string, ip: string | null) {
      const d = await getDelegation(db, id);
      if (!d || (d.from !== user.username && d.to !== user.username))
        throw new HttpError(404, 'delegation_not_found', `No delegation ${id} of yours.`);
      if (d.from !== user.username)
        throw new HttpError(403, 'forbidden', 'Only the person who handed over the role may revoke it.');
      if (!(await revokeDelegation(db, id, user.username)))
        throw new HttpError(409, 'delegation_revoked', `Delegation ${id} is already revoked.`);
      await auditByUser(db, user, {
        action: 'delegation.revoke',
        entityType: 'delegation',
        entityId: id,
        ip,
      });
      return view((await getDelegation(db, id))!, await directoryNames(db), today());
    },
  };
}
