/** The registered processes, and each one's BPMN diagram for the app's case pages. */
import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { PROCESS_NAMES, PROCESSES, processNamed } from '../../processes';
import { addRoute, type FileResponse } from '../http/route';

/** workflows/<name>/diagram.bpmn, beside the workflow (the build copies it next to the compiled code). */
const diagramFile = (name: string) => path.join(__dirname, '..', '..', 'workflows', name, 'diagram.bpmn');

const ProcessListSchema = z
  .object({
    items: z.array(
      z.object({
        name: z
          .enum(PROCESS_NAMES)
          .openapi({ description: "The process's one name (the API's processType)" }),
        label: z.object({ zh: z.string(), en: z.string() }),
        steps: z.array(z.string()),
        statuses: z.array(z.string()),
      }),
    ),
  })
  .openapi('ProcessList');

export function processRoutes(router: Router, registry: OpenAPIRegistry): void {
  addRoute(router, registry, {
    method: 'get',
    path: '/api/processes',
    summary: 'The processes govshare runs: name, label, steps and statuses of each',
    tags: ['processes'],
    auth: 'user',
    response: ProcessListSchema,
    handler: async () => ({
      items: PROCESSES.map((p) => ({
        name: p.name,
        label: { ...p.label },
        steps: Object.values(p.steps),
        statuses: [...p.statuses],
      })),
    }),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/processes/:process/diagram',
    summary: "A process's BPMN 2.0 diagram (XML)",
    tags: ['processes'],
    auth: 'public',
    params: z.object({ process: z.enum(PROCESS_NAMES) }),
    file: { contentTypes: ['application/xml'], description: 'BPMN 2.0 XML' },
    handler: async ({ params }): Promise<FileResponse> => ({
      contentType: 'application/xml; charset=utf-8',
      body: fs.readFileSync(diagramFile(processNamed(params.process)!.name), 'utf8'),
    }),
  });
}
