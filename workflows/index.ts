/**
 * Every workflow type the worker runs, one file per process (DESIGN.md §1).
 * The processes arrive with their issues; the SLA mechanism they share is in ./sla.
 */
export {};
