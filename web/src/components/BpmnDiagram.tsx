/** A process's BPMN diagram (bpmn-js viewer) in the reader's language, with its steps coloured: done, current, breached. */
import { Card, Skeleton } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { diagramIn } from './diagram-language';

export interface StepState {
  step: string;
  state: 'done' | 'current' | 'breached';
}

export function BpmnDiagram({ process, steps }: { process: string; steps: StepState[] }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(steps);
  useEffect(() => {
    if (!ref.current) return;
    const viewer = new NavigatedViewer({ container: ref.current });
    let cancelled = false;
    (async () => {
      const xml = await (await fetch(`/api/processes/${process}/diagram`)).text();
      if (cancelled) return;
      await viewer.importXML(diagramIn(xml, lang));
      const canvas = viewer.get('canvas') as {
        zoom(level: string): void;
        addMarker(id: string, cls: string): void;
      };
      canvas.zoom('fit-viewport');
      for (const s of steps) {
        try {
          canvas.addMarker(s.step, `gs-${s.state}`);
        } catch {
          // a step the diagram lacks: the diagram test keeps this from happening
        }
      }
      setLoading(false);
    })().catch(() => setLoading(false));
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [process, key, lang]);
  return (
    <Card title={t('diagram')} size="small">
      {loading ? <Skeleton active /> : null}
      <div ref={ref} className="gs-bpmn" data-testid="bpmn" style={{ height: 320 }} />
    </Card>
  );
}
