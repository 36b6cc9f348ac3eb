/** Tells the departments holding active grants on an entry that a new version narrowed it (art. 9). */
import type { SavedEntry } from '../../db/catalogue-repository';
import type { Db } from '../../db/connection';
import { activeGrantHolders } from '../../db/sharing_request/grant-repository';
import { insertNotifications } from '../../db/task-repository';
import type { Narrowing } from '../../domain/catalogue/versions';

/** What a consumer is told for each way an entry narrowed. */
const NARROWING_TEXT: Record<Narrowing, { zh: string; en: string }> = {
  share_type: { zh: '共享类型收紧', en: 'sharing type tightened' },
  items_removed: { zh: '删减数据项', en: 'data items removed' },
  conditions_added: { zh: '新增共享条件', en: 'conditions added' },
  recipients_removed: { zh: '减少法定共享部门', en: 'statutory recipients removed' },
};

/** One notice per grant-holding department to its requesters; none when the version narrowed nothing. */
export async function noticeNarrowing(
  db: Db,
  entry: { code: string; name: string },
  saved: SavedEntry,
): Promise<void> {
  if (!saved.created || saved.narrowings.length === 0) return;
  const holders = await activeGrantHolders(db, entry.code);
  const what = saved.narrowings.map((n) => NARROWING_TEXT[n]);
  await insertNotifications(
    db,
    holders.map((department) => ({
      id: `resource#${entry.code}#v${saved.version}#narrowed#${department}`,
      recipient: { role: 'requester', department },
      kind: 'catalogue',
      taskId: null,
      title: {
        zh: `${entry.name}(${entry.code})第${saved.version}版:${what.map((w) => w.zh).join('、')}`,
        en: `${entry.code} version ${saved.version}: ${what.map((w) => w.en).join(', ')}`,
      },
    })),
  );
}
