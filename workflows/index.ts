/** Every workflow the worker runs, one file a process. */
export { sharingRequest } from './sharing-request';
