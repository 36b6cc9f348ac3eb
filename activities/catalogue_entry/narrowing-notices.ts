/** Tells the departments holding active grants on an entry that a new version narrowed it (art. 9). */
import type { SavedEntry } from '../../db/catalogue-repository';
import type { Db } from '../../db/connection';
import { activeGrantHolders } from '../../db/sharing_request/grant-repository';
import { insertNotifications } from '../../db/task-repository';
import type { Narrowing } from '../../domain/catalogue/versions';
import { codeNames } from '../../domain/text/code-names';

/** How an entry narrowed, as the app names it (mid-sentence in English). */
const narrowed = (n: Narrowing) => {
  const { zh, en } = codeNames[`narrowing_${n}`];
  return { zh, en: en.charAt(0).toLowerCase() + en.slice(1) };
};

/** One notice per grant-holding department to its requesters; none when the version narrowed nothing. */
export async function noticeNarrowing(
  db: Db,
  entry: { code: string; name: string },
  saved: SavedEntry,
): Promise<void> {
  if (!saved.created || saved.narrowings.length === 0) return;
  const holders = await activeGrantHolders(db, entry.code);
  const what = saved.narrowings.map(narrowed);
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
