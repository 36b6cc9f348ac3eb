/** An agreement's reminder and expiry (art. 30), told to its department's data stewards. Idempotent. */
import type { Db } from '../../db/connection';
import { expireAgreementRow, getAgreement } from '../../db/security/agreement-repository';
import { policyByKey } from '../../db/policy-repository';
import { articleLabel } from '../../domain/policy/articles';
import type { AgreementTerms } from '../../workflows/security/contract';
import { notify } from '../cases/notices';
import { insertNotifications } from '../../db/task-repository';

export function createSecurityActivities(db: Db) {
  const toStewards = (
    terms: AgreementTerms,
    id: string,
    kind: 'reminder' | 'result',
    zh: string,
    en: string,
  ) =>
    insertNotifications(db, [
      {
        id,
        recipient: { role: 'data_steward', department: terms.department },
        kind,
        taskId: null,
        title: { zh, en },
      },
    ]);
  return {
    async remindOfAgreementExpiry(terms: AgreementTerms): Promise<void> {
      // The article the reminder rests on, from the policy version the agreement was recorded under.
      const agreement = await getAgreement(db, terms.agreementId);
      const policy = agreement ? await policyByKey(db, agreement.policyKey) : null;
      const article = policy?.document.records?.agreementReminder?.citation.article;
      await toStewards(
        terms,
        `${terms.agreementId}#reminder`,
        'reminder',
        `与${terms.serviceUnit}的安全保密协议将于 ${terms.expiresOn} 到期,请及时续签${article ? `(${articleLabel(article)})` : ''}`,
        `The security agreement with ${terms.serviceUnit} expires on ${terms.expiresOn}; renew it${article ? ` (${articleLabel(article, 'en')})` : ''}`,
      );
    },
    async expireAgreement(terms: AgreementTerms): Promise<void> {
      await db.transaction(async (trx) => {
        await expireAgreementRow(trx, terms.agreementId);
        await notify(trx, `${terms.agreementId}#expired`, {
          recipients: [{ role: 'data_steward', department: terms.department }],
          title: {
            zh: `与${terms.serviceUnit}的安全保密协议已于 ${terms.expiresOn} 到期`,
            en: `The security agreement with ${terms.serviceUnit} expired on ${terms.expiresOn}`,
          },
        });
      });
    },
  };
}

export type SecurityActivities = ReturnType<typeof createSecurityActivities>;
