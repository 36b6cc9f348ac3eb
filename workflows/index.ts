/** Every workflow the worker runs, one file a process. */
export { sharingRequest } from './sharing-request';
export { correctionFeedback } from './correction-feedback';
export { disputeCase } from './dispute-case';
export { catalogueUpdate } from './catalogue-update';
