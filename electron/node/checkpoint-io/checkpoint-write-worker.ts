/**
 * The checkpoint writer's thread (see checkpoint-write-thread.ts): writes each job it is sent with
 * `writeCheckpointFiles` and answers with the sidecar or the error as data. It never loads
 * TensorFlow.js: the artifacts arrive collected and the sidecar complete.
 */
import { parentPort } from 'node:worker_threads';

import { toErrorData } from '../../../shared/errors';
import type { WriteJob, WriteReply } from './checkpoint-write-thread';
import { writeCheckpointFiles } from './checkpoint-files-writer';

const port = parentPort;
if (port !== null) {
  port.on('message', (job: WriteJob) => {
    void (async () => {
      let reply: WriteReply;
      try {
        const sidecar = await writeCheckpointFiles(job.dir, {
          kind: job.kind,
          includeOptimizer: job.includeOptimizer,
          sidecar: job.sidecar,
          artifacts: job.artifacts,
        });
        reply = { id: job.id, sidecar };
      } catch (error) {
        reply = { id: job.id, error: toErrorData(error) };
      }
      port.postMessage(reply);
    })();
  });
}
