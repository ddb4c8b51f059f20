// The one action per frame batch: every slice that cares about events reads it. The time it
// arrived rides along, so reducers stay pure.
import { createAction } from '@reduxjs/toolkit';
import type { LiveBatch } from '../../../../protocol';

export const batchReceived = createAction(
  'live/batchReceived',
  (batch: LiveBatch, receivedAt: number = Date.now()) => ({
    payload: batch,
    meta: { receivedAt },
  }),
);
