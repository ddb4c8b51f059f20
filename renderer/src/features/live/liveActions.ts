// The one action per frame batch: every slice that cares about events reads it.
import { createAction } from '@reduxjs/toolkit';
import type { LiveBatch } from '../../../../protocol';

export const batchReceived = createAction<LiveBatch>('live/batchReceived');
