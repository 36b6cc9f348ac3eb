/** "Updated" is declared by changing the catalogue, which meets the obligation by itself (art. 9). */
import { CATALOGUE_UPDATE_STEPS } from '../../workflows/catalogue_update/contract';
import type { DecisionRules } from '../tasks/decision-rules';

const byChangingTheCatalogue = async () => 'update_the_catalogue';

export const catalogueUpdateDecisionRules: DecisionRules = {
  [CATALOGUE_UPDATE_STEPS.update]: { updated: byChangingTheCatalogue },
  [CATALOGUE_UPDATE_STEPS.rectification]: { updated: byChangingTheCatalogue },
};
