/** A negotiation's proposal is accepted by the other department, once one is made (art. 25). */
import { getDispute } from '../../db/dispute/repository';
import { DISPUTE_STEPS } from '../../workflows/dispute/contract';
import type { DecisionRules } from '../tasks/decision-rules';

export const disputeDecisionRules: DecisionRules = {
  [DISPUTE_STEPS.negotiation]: {
    accept: async ({ db, user, task }) => {
      const proposal = (await getDispute(db, task.caseId))?.proposal;
      if (!proposal) return 'nothing_proposed';
      return proposal.department === user.department.code ? 'own_proposal' : null;
    },
  },
};
