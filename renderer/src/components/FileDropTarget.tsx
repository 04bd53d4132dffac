/** The whole window accepts a dropped CSV: it opens Enrich CSV with that file. */
import { useEffect, useState } from 'react';
import { navigate } from '../app/navigation';
import { csvActions, csvRunner, useCsvJob } from '../features/enrich/page/store';

const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

export function FileDropTarget() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // without this the browser would open the file instead of handing it to us
      e.dataTransfer!.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setOver(false);
      if (!hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer!.files[0];
      if (!file) return;
      const { step, jobId } = useCsvJob.getState();
      if (step === 'importing' || (step === 'run' && jobId && csvRunner().isRunning(jobId))) {
        navigate({ page: 'enrich' });
        csvActions.showError('An enrichment is running: pause or cancel it before dropping another file.');
        return;
      }
      navigate({ page: 'enrich' });
      void csvActions.importFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return over ? <div className="drop-overlay">Drop the CSV to enrich it</div> : null;
}
