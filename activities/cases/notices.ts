/** Notices to departments about a case's result (备案), written once per event. */
import type { Db } from '../../db/connection';
import { insertNotifications } from '../../db/task-repository';
import type { CandidateGroup } from '../../domain/roles';

export interface Notice {
  recipients: CandidateGroup[];
  title: { zh: string; en: string };
}

export async function notify(db: Db, id: string, notice: Notice | undefined): Promise<void> {
  if (!notice) return;
  await insertNotifications(
    db,
    notice.recipients.map((recipient, i) => ({
      id: `${id}#notice#${i}`,
      recipient,
      kind: 'result' as const,
      taskId: null,
      title: notice.title,
    })),
  );
}
